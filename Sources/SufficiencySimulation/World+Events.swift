import SimulationCore
import SufficiencyModel

/// The placement market as a discrete-event process: which rule each event kind runs, and what happens at each
/// month and year end. The event loop itself is `SimulationCore.Simulation.run`, which knows nothing of fostering.
extension World: DiscreteEventProcess {
    /// Runs replication `index` from a reset world and writes its rows into the given slots (zeroed by the caller).
    mutating func run(index: Int, seed: UInt64, annual: UnsafeMutablePointer<Double>,
                      monthly: UnsafeMutablePointer<Int32>, requests: UnsafeMutablePointer<Int32>) {
        self.index = index
        self.annual = annual
        self.monthly = monthly
        self.requests = requests
        generators.arrivals.seed(master: seed, replication: index, stream: .arrivals)
        generators.attributes.seed(master: seed, replication: index, stream: .childAttributes)
        replicationKey = SplitMix64.mix(SplitMix64.mix(seed) ^ UInt64(truncatingIfNeeded: index) &* 0x94D0_49BB_1331_11EB)
        if let rates = model.rates { hazards = rates.tables(key: replicationKey, rng: generators.keyed) }
        reset()
        Carers.setUpHouseholds(&self)
        InitialPopulation.setUp(&self)
        Carers.scheduleRecruitment(&self, forYear: -1)
        Interventions.startYear(&self)
        Arrivals.scheduleNextArrival(&self)
        Interventions.scheduleFirstStepDownReview(&self)
        Simulation.run(&self, calendar: model.calendar)
    }

    mutating func handle(_ e: Event<EventKind>) {
        events += 1
        let i = Int(e.subject)
        switch e.kind {
        case .arrival:
            Arrivals.arrive(&self)
        case .exit:
            if children[i].status == .inCare && children[i].episode == e.version {
                checkExitIsTheSampledOne(i)
                Exits.exitCare(&self, i)
            }
        case .age18:
            if children[i].status == .inCare && children[i].episode == e.version {
                checkExitIsTheSampledOne(i)
                Exits.reach18(&self, i)
            }
        case .breakdown, .plannedMove:
            if children[i].status == .inCare && children[i].placementVersion == e.version {
                Placements.endPlacementAndMove(&self, i)
            }
        case .adoptionPlacement:
            if children[i].status == .inCare && children[i].episode == e.version { Placements.moveToAdopters(&self, i) }
        case .reentry:
            if children[i].status == .left && children[i].episode == e.version { Exits.reenter(&self, i) }
        case .stayingPutEnd:
            if children[i].status == .stayingPut && children[i].episode == e.version { Exits.endStayingPut(&self, i) }
        case .approval:
            Carers.approveHousehold(&self)
        case .deregistration:
            if households[i].active && !households[i].closing { Carers.decideToDeregister(&self, i) }
        case .programmeApproval:
            Interventions.approveProgrammeHousehold(&self)
        case .stepDownReview:
            Interventions.reviewStepDown(&self)
        }
        checkInvariantsIfAsked()
    }

    mutating func periodEnded(_ month: Int) {
        Money.accrue(&self)
        Metrics.recordMonth(&self, month)
        checkInvariantsIfAsked()
        if model.levers.reunificationActive[year] { Interventions.enrolForReunification(&self) }
    }

    mutating func yearEnded(_ y: Int) {
        Metrics.recordYearEnd(&self)
        year += 1
        if year < model.years.count { Interventions.startYear(&self) }
    }

    /// Runs the expensive consistency checks when asked; compiled only into builds that define `SUFFICIENCY_CHECKS`
    /// (debug builds, which the tests use), so a release build pays nothing for them.
    @inline(__always) mutating func checkInvariantsIfAsked() {
        #if SUFFICIENCY_CHECKS
        if checksInvariants {
            for p in Invariants.check(self).prefix(5) where violations.count < 50 {
                violations.append("replication \(index + 1), \(p)")
            }
        }
        #endif
    }

    /// With the checks on, whether a child leaves care when its exit was last sampled for (`exitTime`, set by
    /// `Hazards.scheduleExit`): an exit or 18th birthday scheduled by an earlier sample must have been made stale
    /// by a new episode number, as a reunification programme's enrolment makes it when it samples the exit again.
    @inline(__always) mutating func checkExitIsTheSampledOne(_ i: Int) {
        #if SUFFICIENCY_CHECKS
        if checksInvariants && now != children[i].exitTime && violations.count < 50 {
            violations.append("replication \(index + 1), day \(now): child \(i) leaves care, but its exit was "
                + "sampled for day \(children[i].exitTime)")
        }
        #endif
    }
}
