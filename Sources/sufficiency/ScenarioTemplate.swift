/// The text `sufficiency init` writes: a scenario that extends a baseline and changes nothing until a lever is
/// uncommented. Each lever lists every key it needs, with a unit and a placeholder source.
enum ScenarioTemplate {
    static func text(name: String, baseline: String) -> String {
        """
        # Scenario: \(name)
        # Question: (the question this scenario answers, in one sentence)
        # Varies: (which levers it switches on, and from when)
        # Sources: (where its numbers come from; every value needs a unit and a source)
        #
        # This file extends \(baseline): it holds only what changes. Uncomment a lever below to switch it on; a
        # lever is in force from start_year to end_year (optional) inclusive. Any baseline value can also be
        # overridden by writing it here under the same keys, with its value, unit and source.
        # Check it with: sufficiency validate \(name).yaml

        extends: \(baseline)
        name: \(name)
        title: \(name)
        question: (the question this scenario answers)

        # interventions:
        #   recruitment:                      # a recruitment drive on top of business-as-usual approvals
        #     start_year: {value: 2017-18, unit: financial year, source: "..."}
        #     approvals_per_year: {value: 10, unit: households per year, source: "..."}   # or {2017-18: 5, 2018-19: 10}
        #     yield_cv: {value: 0.3, unit: coefficient of variation, source: "..."}
        #     months_to_approval: {value: {mean: 6, shape: 4}, unit: months, source: "..."}
        #     places_mix: {value: {"1": 0.3, "2": 0.4, "3": 0.3, "4": 0.0}, unit: share, source: "..."}
        #     approval_range_mix: {value: {"0-17": 0.5, "10-17": 0.5}, unit: share, source: "..."}
        #     specialism_share: {value: {teenagers: 0.5, sibling_groups: 0.3, complex_needs: 0.1, parent_and_child: 0.0}, unit: probability, source: "..."}
        #     distance_mix: {value: {local: 0.9, near: 0.1, distant: 0.0}, unit: share, source: "..."}
        #     cost_per_approval: {value: 6000, unit: pounds, source: "..."}
        #     annual_cost: {value: 100000, unit: pounds per year, source: "..."}
        #   retention:                        # support that keeps carers fostering
        #     start_year: {value: 2017-18, unit: financial year, source: "..."}
        #     deregistration_multiplier: {value: 0.8, unit: multiplier, source: "..."}
        #     cost_per_household: {value: 500, unit: pounds per household per year, source: "..."}
        #   reunification_programme:          # returns eligible children home sooner
        #     start_year: {value: 2017-18, unit: financial year, source: "..."}
        #     eligible_care_plans: {value: [reunification], unit: list, source: "..."}
        #     eligible_age_bands: {value: ["0", "1-4", "5-9", "10-15"], unit: list, source: "..."}
        #     time_in_care: {value: {min: 1, max: 24}, unit: months, source: "..."}
        #     hazard_multiplier: {value: 1.3, unit: multiplier, source: "..."}
        #     reentry_multiplier: {value: 0.7, unit: multiplier, source: "..."}
        #     capacity: {value: 40, unit: children per year, source: "..."}
        #     annual_cost: {value: 150000, unit: pounds per year, source: "..."}
        #   residential_step_down:            # moves children stable in residential care to in-house carers
        #     start_year: {value: 2017-18, unit: financial year, source: "..."}
        #     review_interval: {value: 3, unit: months, source: "..."}
        #     stable_for: {value: 6, unit: months, source: "..."}
        #     capacity: {value: 8, unit: children per year, source: "..."}
        #     cost_per_move: {value: 3000, unit: pounds, source: "..."}
        #     annual_cost: {value: 60000, unit: pounds per year, source: "..."}
        #   ifa_block_contract:               # reserved IFA places at a discount
        #     start_year: {value: 2017-18, unit: financial year, source: "..."}
        #     places: {value: 10, unit: places, source: "..."}
        #     price_discount: {value: 0.1, unit: share, source: "..."}
        #   demand:                           # entry-rate multipliers by age band and year
        #     start_year: {value: 2017-18, unit: financial year, source: "..."}
        #     entry_multiplier: {value: {"0": 1.0, "1-4": 1.0, "5-9": 1.0, "10-15": 1.0, "16-17": 1.0}, unit: multiplier, source: "..."}
        #     uasc_multiplier: {value: 1.0, unit: multiplier, source: "..."}
        #   income:                           # joint funding and other income
        #     start_year: {value: 2017-18, unit: financial year, source: "..."}
        #     residential_joint_funding_share: {value: 0.0, unit: share, source: "..."}
        #     annual_income: {value: 0, unit: pounds per year, source: "..."}
        #
        # The IFA market can also change by year (a squeeze):
        # ifa_market:
        #   availability_multiplier: {value: {2017-18: 0.9, 2018-19: 0.8}, unit: multiplier, source: "..."}
        #   price_multiplier: {value: 1.0, unit: multiplier, source: "..."}

        """
    }
}
