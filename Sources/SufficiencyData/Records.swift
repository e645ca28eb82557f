import SufficiencyModel

/// Where a value came from, so every rejection and every kept episode can be traced back to the analyst's file.
public struct SourceRow: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as it was found (a folder argument joined with the file name).
    public var file: String
    /// The CSV record number counting the header as row 1, so the first data row is 2; this is the line number a
    /// spreadsheet shows unless a quoted field spans lines.
    public var row: Int

    public init(file: String, row: Int) {
        self.file = file
        self.row = row
    }

    public var description: String { "\(file):\(row)" }
}

/// One SSDA903 episode after its row has been validated: codes upper-cased and trimmed, dates parsed.
public struct Episode: Sendable {
    /// CHILD, the council's own identifier.
    public var child: String
    /// DECOM, the day the episode started.
    public var start: CivilDate
    /// DEC, the day the episode ceased; nil while it is open. Cleaning may bring it forward to the next episode's
    /// start when the two overlap.
    public var end: CivilDate?
    /// RNE, why the episode started (S, P, T, L, U, B).
    public var rne: String
    /// LS, the legal status.
    public var legalStatus: String
    /// PLACE, the placement code.
    public var place: String
    /// PLACE_PROVIDER (PR0-PR5), which decides in-house against IFA fostering; may be empty.
    public var provider: String
    /// REC, why the episode ceased; nil when the episode continues (X1), REC is empty or the episode is open (an open
    /// episode cannot have a reason for ending, whatever the file says).
    public var reasonEnded: String?
    /// REASON_PLACE_CHANGE, recorded on the episode that ends with a placement move; nil when empty.
    public var reasonPlaceChange: String?
    /// The LA column of regional extracts; nil for a council's own files.
    public var la: String?
    /// The row the episode was read from (the report kept, when the same episode was reported in several years).
    public var source: SourceRow

    public init(child: String, start: CivilDate, end: CivilDate?, rne: String, legalStatus: String = "",
                place: String, provider: String = "", reasonEnded: String? = nil, reasonPlaceChange: String? = nil,
                la: String? = nil, source: SourceRow = SourceRow(file: "", row: 0)) {
        self.child = child
        self.start = start
        self.end = end
        self.rne = rne
        self.legalStatus = legalStatus
        self.place = place
        self.provider = provider
        self.reasonEnded = reasonEnded
        self.reasonPlaceChange = reasonPlaceChange
        self.la = la
        self.source = source
    }

    /// The model's placement type for PLACE and PLACE_PROVIDER (see `SSDA903Reader.placementType`).
    public var placementType: PlacementType { SSDA903Reader.placementType(place: place, provider: provider) }

    /// RNE L, T and U change the legal status or the placement's status with the same carer: not a move.
    public var continuesPlacement: Bool { rne == "L" || rne == "T" || rne == "U" }

    /// LS V3 or V4: accommodated under an agreed series of short-term placements (short breaks), which the DfE's
    /// figures for children looked after leave out; so do the periods of care built from a return.
    public var isShortBreak: Bool { legalStatus == "V3" || legalStatus == "V4" }
}

/// A placement: consecutive episodes of one period of care merged where RNE is L, T or U (same placement, no move).
///
/// Type, place and provider are those of the placement's first episode: the placement is counted, for moves, under
/// what it was when the child arrived.
public struct Placement: Sendable {
    public var start: CivilDate
    /// The end of the placement's last episode; nil while open.
    public var end: CivilDate?
    public var type: PlacementType
    public var place: String
    public var provider: String
    /// REASON_PLACE_CHANGE of the episode that ended the placement by a move to another placement in the same period;
    /// nil when the placement ended with the period (or is open) or the reason was not recorded.
    public var reasonChange: String?

    public init(start: CivilDate, end: CivilDate?, type: PlacementType, place: String, provider: String,
                reasonChange: String? = nil) {
        self.start = start
        self.end = end
        self.type = type
        self.place = place
        self.provider = provider
        self.reasonChange = reasonChange
    }
}

/// A period of care: from an episode with RNE S to the episode whose REC is not X1 (or open).
///
/// A period also ends where the data show a gap (an episode ends with X1 and the next starts later) or where a new
/// episode starts with RNE S without the previous one having ended; such a period has an `end` but no `exitReason`.
public struct PeriodOfCare: Sendable {
    public var start: CivilDate
    /// nil while the child is still looked after at the end of the data.
    public var end: CivilDate?
    /// REC of the last episode; nil while open, or when the period stops in the data without a reason (treat as
    /// censored).
    public var exitReason: String?
    public var placements: [Placement]
    /// False when the child's first episode in the data is not RNE S: the period began before the data did, so its
    /// `start` is only the first day observed (left-truncated), and time in care at any date is understated.
    public var startObserved: Bool

    public init(start: CivilDate, end: CivilDate?, exitReason: String?, placements: [Placement],
                startObserved: Bool = true) {
        self.start = start
        self.end = end
        self.exitReason = exitReason
        self.placements = placements
        self.startObserved = startObserved
    }
}

/// One child: the header joined to the cleaned episodes.
public struct ChildRecord: Sendable {
    /// CHILD. With several councils loaded at once, the same CHILD in two councils is two records (see `Episode.la`).
    public var id: String
    /// SEX from the header (most frequent value across returns); nil when not given.
    public var sex: String?
    /// DOB from the header: the most frequent across returns, the first seen on a tie; nil when no header row for the
    /// child had a readable DOB.
    public var birth: CivilDate?
    /// True when the child appears in a UASC file.
    public var uasc: Bool
    /// Cleaned (duplicates and repeats removed, overlaps truncated) and sorted by start.
    public var episodes: [Episode]
    /// The episodes grouped into periods of care and placements.
    public var periods: [PeriodOfCare]

    public init(id: String, sex: String? = nil, birth: CivilDate?, uasc: Bool = false, episodes: [Episode],
                periods: [PeriodOfCare]) {
        self.id = id
        self.sex = sex
        self.birth = birth
        self.uasc = uasc
        self.episodes = episodes
        self.periods = periods
    }
}

/// Everything read from an SSDA903 return.
public struct SSDA903Data: Sendable {
    /// Sorted by id (numerically when ids are numbers) and council, so results never depend on file order.
    public var children: [ChildRecord]
    public var quality: DataQuality
    /// Every file read, in the order rows are reported.
    public var files: [String]
    /// The earliest DECOM kept.
    public var firstDate: CivilDate?
    /// The latest DECOM or DEC kept: the best evidence of where the data end (the return's own period end is not in
    /// the files).
    public var lastDate: CivilDate?
    /// The 1 April from which the return records entries and exits (`SSDA903Reader.inferRecordsFrom`): nil when
    /// no row ends a period of care, or for data built in code.
    public var recordsFrom: CivilDate?
    /// The councils (LA column) of the episodes loaded: the one selected with `la`, or every council present.
    public var councils: [String]
    /// The episodes files among `files`, so that an error about the episodes can name the files it is about.
    public var episodeFiles: [String]

    public init(children: [ChildRecord], quality: DataQuality, files: [String], firstDate: CivilDate?,
                lastDate: CivilDate?, councils: [String], episodeFiles: [String]? = nil, recordsFrom: CivilDate? = nil) {
        self.children = children
        self.quality = quality
        self.files = files
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.councils = councils
        self.episodeFiles = episodeFiles ?? files
        self.recordsFrom = recordsFrom
    }

    /// The episodes files as an error message names them: every path, comma-separated ("the return" when none is
    /// known, for data built in code).
    public var episodeFilesDescription: String {
        episodeFiles.isEmpty ? "the return" : episodeFiles.joined(separator: ", ")
    }
}

/// Problems that stop a load: a missing file or column, an unusable council selection. Each line names the file.
public struct SSDA903Error: Error, CustomStringConvertible {
    public var lines: [String]

    public init(lines: [String]) { self.lines = lines }

    public var description: String { lines.joined(separator: "\n") }
}
