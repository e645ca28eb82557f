/// One area's row of Ofsted's local-authority fostering data (*Fostering in England*, one file per year): the
/// council's own fostering service, not the independent agencies it buys from.
///
/// Every count is as Ofsted publishes it: rounded to the nearest 5, with small numbers suppressed. A suppressed or
/// missing cell is nil here, never 0, so a caller cannot mistake "not published" for "none". Because of the
/// rounding, parts need not add up to their totals (households by number of places against `householdsTotal`,
/// deregistrations by reason against `deregisteredTotal`), and a ratio of two small counts (25 of 25 care leavers
/// staying put) is only roughly known.
///
/// Stocks are at 31 March, the end of the year; flows are over the year (April to March).
public struct OfstedFosteringRow: Sendable, Equatable {
    /// The area as the file names it; names vary between years (`County Durham` in 2017-18, `Durham` in 2018-19).
    public var area: String
    /// `england`, `region` or `local_authority`. The `england` row covers every fostering service, agencies
    /// included (its 44,450 households in 2018-19 far exceed the councils' 28,630), so it is national context only.
    public var level: String
    /// The reporting year as written, such as `2018-19`.
    public var year: String
    /// Where the row was read from.
    public var source: SourceRow

    /// Children placed with the council's own foster carers, family and friends carers included.
    public var childrenInPlacements: Int?
    /// Approved fostering households at 31 March, family and friends (connected person) carers included.
    public var householdsTotal: Int?
    public var householdsFamilyAndFriends: Int?
    /// Households by the number of children they are approved for; the last is 4 or more.
    public var households1Place: Int?
    public var households2Places: Int?
    public var households3Places: Int?
    public var households4PlusPlaces: Int?
    /// Approved places: filled, vacant (available), and not available (carer on a break, a child who must be
    /// placed alone, ...). Filled + vacant + not available is close to approved, not always equal (rounding).
    public var placesApproved: Int?
    public var placesFilled: Int?
    public var placesVacant: Int?
    public var placesNotAvailable: Int?
    /// The recruitment funnel over the year. 2017-18 publishes no `applicationsReceived`.
    public var enquiries: Int?
    public var applicationsReceived: Int?
    /// Applications approved. In 2018-19 this is not the year's approvals (England: 2,415 against 8,400
    /// households approved), so it stands in for approvals only when `householdsApprovedInYear` is absent.
    public var applicationsApproved: Int?
    public var applicationsWithdrawnByApplicant: Int?
    public var applicationsWithdrawnByService: Int?
    public var applicationsRejectedAtPanel: Int?
    public var applicationsInProgress31March: Int?
    /// Households approved in the year, and of them family and friends carers. 2017-18 has only the second.
    public var householdsApprovedInYear: Int?
    public var familyAndFriendsHouseholdsApprovedInYear: Int?
    /// Households that stopped fostering for the council, by who started it.
    public var deregisteredTransferToLA: Int?
    public var deregisteredTransferToIFA: Int?
    public var deregisteredByService: Int?
    public var deregisteredByCarer: Int?
    public var deregisteredUnknownReason: Int?
    public var deregisteredTotal: Int?
    /// Children whose foster placement ended unplanned.
    public var childrenUnplannedEndings: Int?
    /// Young people who turned 18 in foster care, and of them those who stayed with their carer (Staying Put).
    public var became18InFosterCare: Int?
    public var became18StayedWithCarer: Int?
    /// Sibling groups assessed as needing to live together, and of them those placed together as planned.
    public var siblingGroupsAssessed: Int?
    public var siblingGroupsPlacedToPlan: Int?
    public var siblingsAssessed: Int?
    public var siblingsPlacedToPlan: Int?

    public init(area: String, level: String, year: String, source: SourceRow = SourceRow(file: "", row: 0)) {
        self.area = area
        self.level = level
        self.year = year
        self.source = source
    }

    /// The value of the column named as in the file (`households_total`), nil when suppressed or unknown.
    public subscript(column name: String) -> Int? {
        Self.columns.first { $0.name == name }.flatMap { self[keyPath: $0.keyPath] }
    }

    /// Every numeric column, in the file's order, with the property it fills.
    public static let columns: [(name: String, keyPath: any WritableKeyPath<OfstedFosteringRow, Int?> & Sendable)] = [
        ("children_in_placements", \.childrenInPlacements),
        ("households_total", \.householdsTotal),
        ("households_family_and_friends", \.householdsFamilyAndFriends),
        ("households_1_place", \.households1Place),
        ("households_2_places", \.households2Places),
        ("households_3_places", \.households3Places),
        ("households_4plus_places", \.households4PlusPlaces),
        ("places_approved", \.placesApproved),
        ("places_filled", \.placesFilled),
        ("places_vacant", \.placesVacant),
        ("places_not_available", \.placesNotAvailable),
        ("enquiries", \.enquiries),
        ("applications_received", \.applicationsReceived),
        ("applications_approved", \.applicationsApproved),
        ("applications_withdrawn_by_applicant", \.applicationsWithdrawnByApplicant),
        ("applications_withdrawn_by_service", \.applicationsWithdrawnByService),
        ("applications_rejected_at_panel", \.applicationsRejectedAtPanel),
        ("applications_in_progress_31_march", \.applicationsInProgress31March),
        ("households_approved_in_year", \.householdsApprovedInYear),
        ("family_and_friends_households_approved_in_year", \.familyAndFriendsHouseholdsApprovedInYear),
        ("deregistered_transfer_to_la", \.deregisteredTransferToLA),
        ("deregistered_transfer_to_ifa", \.deregisteredTransferToIFA),
        ("deregistered_by_service", \.deregisteredByService),
        ("deregistered_by_carer", \.deregisteredByCarer),
        ("deregistered_unknown_reason", \.deregisteredUnknownReason),
        ("deregistered_total", \.deregisteredTotal),
        ("children_unplanned_endings", \.childrenUnplannedEndings),
        ("became_18_in_foster_care", \.became18InFosterCare),
        ("became_18_stayed_with_carer", \.became18StayedWithCarer),
        ("sibling_groups_assessed", \.siblingGroupsAssessed),
        ("sibling_groups_placed_to_plan", \.siblingGroupsPlacedToPlan),
        ("siblings_assessed", \.siblingsAssessed),
        ("siblings_placed_to_plan", \.siblingsPlacedToPlan),
    ]

    /// The columns `sufficiency calibrate --fostering` reads: a file without one of them is refused, even where a
    /// year publishes no values in it (the column is then present and empty, as in 2017-18). Other numeric columns
    /// may be absent (nil throughout).
    public static let neededColumns: [String] = [
        "area", "level", "year",
        "households_total", "households_family_and_friends",
        "households_1_place", "households_2_places", "households_3_places", "households_4plus_places",
        "places_approved", "places_filled", "places_vacant", "places_not_available",
        "enquiries", "applications_received", "applications_approved",
        "households_approved_in_year", "family_and_friends_households_approved_in_year",
        "deregistered_transfer_to_la", "deregistered_transfer_to_ifa", "deregistered_by_service",
        "deregistered_by_carer", "deregistered_unknown_reason", "deregistered_total",
        "became_18_in_foster_care", "became_18_stayed_with_carer",
        "sibling_groups_assessed", "sibling_groups_placed_to_plan",
    ]

    /// The levels a row may have.
    public static let levels: Set<String> = ["england", "region", "local_authority"]
}

/// A year's Ofsted local-authority fostering file, read and checked.
public struct OfstedFostering: Sendable {
    /// The path as given.
    public var path: String
    /// Every row, in file order.
    public var rows: [OfstedFosteringRow]

    public init(path: String, rows: [OfstedFosteringRow]) {
        self.path = path
        self.rows = rows
    }

    /// The councils: the rows that `council(named:)` matches.
    public var localAuthorities: [OfstedFosteringRow] { rows.filter { $0.level == "local_authority" } }

    /// The national row, for context only (it includes agencies; see `OfstedFosteringRow.level`).
    public var england: OfstedFosteringRow? { rows.first { $0.level == "england" } }
}

/// Problems that stop a load or a council selection, one line each, naming the file (and row and column).
public struct OfstedFosteringError: Error, CustomStringConvertible {
    public var lines: [String]

    public init(lines: [String]) { self.lines = lines }

    public var description: String { lines.joined(separator: "\n") }
}
