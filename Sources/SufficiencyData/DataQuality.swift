import Foundation
import SufficiencyModel

/// A row the reader could not use, and why: the analyst must be able to find and fix every one.
public struct Rejection: Sendable, Hashable {
    public var source: SourceRow
    /// Every problem found in the row, separated by "; " (for example `unparseable DECOM "31/02/2019"`).
    public var reason: String

    public init(source: SourceRow, reason: String) {
        self.source = source
        self.reason = reason
    }
}

/// The last day of the latest collection year a return covers (normally 31 March), against which its dates are
/// checked, and how it was known.
public struct CollectionEnd: Sendable, Hashable, CustomStringConvertible {
    public var date: CivilDate
    /// True when inferred from the episode dates (`SSDA903Reader.inferCollectionEnd`); false when given.
    public var inferred: Bool

    public init(date: CivilDate, inferred: Bool) {
        self.date = date
        self.inferred = inferred
    }

    public var description: String {
        inferred
            ? "\(date), inferred from the episode dates (the end of the latest financial year holding at least "
                + "\(SSDA903Reader.collectionYearShareLabel) as many DECOM and DEC dates as the busiest year)"
            : "\(date), as given"
    }
}

/// What cleaning did to the return: nothing is dropped or changed without being counted here.
///
/// Episode rows add up: `rowsRead` counts every data row of every file (episodes, header, UASC) in the selected
/// council, and each episode row is either kept, an exact duplicate, a repeated report of a kept episode, or rejected.
public struct DataQuality: Sendable {
    /// Data rows read from all files (blank lines excluded), in the selected council when one was chosen.
    public var rowsRead: Int
    /// Episode rows equal in every field to an earlier row (YEAR aside: the same row in two return years is one
    /// row), dropped.
    public var exactDuplicatesDropped: Int
    /// Episodes of one child that overlapped the next one: the earlier one's DEC was brought forward to the later
    /// DECOM (an open episode followed by a later one counts too).
    public var overlapsResolved: Int
    /// Episodes with RNE L, T or U merged into the placement before them.
    public var episodesMergedLTU: Int
    /// Episode rows whose child has no header row; each is also in `rejected`.
    public var episodesWithoutHeader: Int
    /// Every rejected row, in file order.
    public var rejected: [Rejection]
    /// Rows with the CHILD and DECOM of another episode that are not exact duplicates: the same episode reported
    /// in several years' returns (open in one, closed in the next). One report is kept: a closed one if any, the
    /// latest otherwise. (Addition to the agreed API: per-year files repeat every open episode.)
    public var repeatedReportsMerged: Int
    /// Periods of care ended because the next episode starts later than the previous one ended with X1, or starts
    /// with RNE S while the previous period had not ended. (Addition to the agreed API.)
    public var periodsSplit: Int
    /// Episodes under a short-break legal status (LS V3 or V4) left out of the periods of care, as the DfE's
    /// figures leave them out (`Episode.isShortBreak`).
    public var shortBreakEpisodes: Int
    /// Header rows giving a child a different DOB from another header row; the most frequent DOB is used.
    public var conflictingBirthDates: Int
    /// Data rows read from episodes files alone (part of `rowsRead`): none means the files hold only their column
    /// names, which is a different problem from every row being rejected.
    public var episodeRowsRead: Int
    /// The collection year's end the dates were checked against; nil when no episode row gave a date to infer it.
    public var collectionEnd: CollectionEnd?

    public init(rowsRead: Int = 0, exactDuplicatesDropped: Int = 0, overlapsResolved: Int = 0,
                episodesMergedLTU: Int = 0, episodesWithoutHeader: Int = 0, rejected: [Rejection] = [],
                repeatedReportsMerged: Int = 0, periodsSplit: Int = 0, shortBreakEpisodes: Int = 0,
                conflictingBirthDates: Int = 0,
                episodeRowsRead: Int = 0, collectionEnd: CollectionEnd? = nil) {
        self.rowsRead = rowsRead
        self.exactDuplicatesDropped = exactDuplicatesDropped
        self.overlapsResolved = overlapsResolved
        self.episodesMergedLTU = episodesMergedLTU
        self.episodesWithoutHeader = episodesWithoutHeader
        self.rejected = rejected
        self.repeatedReportsMerged = repeatedReportsMerged
        self.periodsSplit = periodsSplit
        self.shortBreakEpisodes = shortBreakEpisodes
        self.conflictingBirthDates = conflictingBirthDates
        self.episodeRowsRead = episodeRowsRead
        self.collectionEnd = collectionEnd
    }

    /// A short Markdown report: the count of each fix, then every rejected row with its file, row and reason.
    public var markdown: String {
        var m = "## Data quality\n\n"
        if let collectionEnd {
            m += "Collection year end: \(collectionEnd); a DECOM, DEC or DOB after it, or after the day of the run, is "
                + "rejected.\n\n"
        }
        m += "| Check | Count |\n|---|---:|\n"
        m += "| Data rows read (episodes, header, UASC) | \(rowsRead) |\n"
        m += "| Exact duplicate episode rows dropped | \(exactDuplicatesDropped) |\n"
        m += "| Same episode reported in several returns, one report kept | \(repeatedReportsMerged) |\n"
        m += "| Overlapping episodes truncated at the next episode's start | \(overlapsResolved) |\n"
        m += "| Episodes with RNE L, T or U merged into the previous placement | \(episodesMergedLTU) |\n"
        m += "| Periods of care split at a gap or an unexpected RNE S | \(periodsSplit) |\n"
        m += "| Short-break episodes (LS V3, V4) left out, as in the DfE's figures | \(shortBreakEpisodes) |\n"
        m += "| Header rows with a conflicting DOB (most frequent DOB used) | \(conflictingBirthDates) |\n"
        m += "| Episode rows without a header row (rejected) | \(episodesWithoutHeader) |\n"
        m += "| Rows rejected | \(rejected.count) |\n"
        if rejected.isEmpty {
            m += "\nNo rows were rejected.\n"
        } else {
            m += "\n### Rejected rows\n\n| File | Row | Reason |\n|---|---:|---|\n"
            for r in rejected {
                m += "| \(cell(r.source.file)) | \(r.source.row) | \(cell(r.reason)) |\n"
            }
        }
        return m
    }

    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
