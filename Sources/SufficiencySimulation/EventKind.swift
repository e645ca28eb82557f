/// What happens at an event of the placement market (`SimulationCore.Event`'s kind).
enum EventKind: UInt8 {
    /// The next group of children (or a UASC child) arrives.
    case arrival
    /// A child leaves care by a hazard route chosen when the exit was sampled.
    case exit
    /// A child reaches 18 while in care.
    case age18
    /// A placement ends unplanned; the child is re-matched.
    case breakdown
    /// A planned move; the child is re-matched.
    case plannedMove
    /// A child with an adoption exit moves in with adopters before the order.
    case adoptionPlacement
    /// A reunified child returns to care.
    case reentry
    /// A Staying Put arrangement ends.
    case stayingPutEnd
    /// A new in-house household is approved.
    case approval
    /// A household decides to stop fostering.
    case deregistration
    /// A household recruited by a recruitment programme is approved.
    case programmeApproval
    /// A residential step-down review.
    case stepDownReview
}
