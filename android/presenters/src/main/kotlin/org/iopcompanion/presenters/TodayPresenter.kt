package org.iopcompanion.presenters

import java.time.Clock
import java.time.Duration
import java.time.LocalDate
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.Role

data class TodayState(
    val loaded: Boolean = false,
    /** The participant's local date, as the core reckons it from now and the phone's zone. */
    val date: LocalDate? = null,
    val zone: String = "",
    /** Today's occurrences, cancelled ones included (shown struck through), by start. */
    val sessions: List<OccurrenceLine> = emptyList(),
    /** The next occurrence after today, shown when nothing is still to come today. */
    val next: OccurrenceLine? = null,
    val checkIn: CheckInSummary? = null,
    val favourites: List<FavouriteLine> = emptyList(),
    /** The first crisis line's first action: the "reach out" entry's one-tap call. */
    val crisisShortcut: CrisisShortcut? = null,
    val problem: Problem? = null,
)

/** Today's check-in, when it is done. */
data class CheckInSummary(val mood: Int, val craving: Int?)

data class FavouriteLine(val id: String, val name: String, val role: Role, val actions: List<ContactAction>)

data class CrisisShortcut(val name: String, val action: ContactAction)

/** The home screen: what is on today, whether today is checked in, and help one tap away. */
class TodayPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
) : Presenter<TodayState>(TodayState()) {

    fun refresh() {
        val now = clock.instant()
        val zone = clock.zone
        val outcome = attempt {
            val today = store.today(now, zone.id)
            val programSessions = store.sessions().filter { it.programId != null }.map { it.id }.toSet()
            val date = LocalDate.parse(today.date)
            val sessions = today.sessions.map { it.toLine(zone, now, programSessions) }
            val stillToCome = sessions.any { it.status != OccurrenceStatus.CANCELLED && it.timing != Timing.OVER }
            val next = if (stillToCome) {
                null
            } else {
                store.occurrences(now, now.plus(NEXT_WINDOW))
                    .map { it.toLine(zone, now, programSessions) }
                    .firstOrNull { it.localStart.toLocalDate().isAfter(date) && it.status != OccurrenceStatus.CANCELLED }
            }
            val favourites = today.favourites.map { c ->
                FavouriteLine(c.id, c.name, c.role, store.contactActions(c.id, null).map { it.toAction() })
            }
            val crisis = store.crisisLines().firstOrNull()
            TodayState(
                loaded = true,
                date = date,
                zone = today.timeZone,
                sessions = sessions,
                next = next,
                checkIn = today.checkin?.let { CheckInSummary(it.mood.toInt(), it.craving?.toInt()) },
                favourites = favourites,
                crisisShortcut = crisis?.actions?.firstOrNull()?.let { CrisisShortcut(crisis.name, it.toAction()) },
            )
        }
        update { old ->
            when (outcome) {
                is Outcome.Done -> outcome.value
                is Outcome.Failed -> old.copy(loaded = true, problem = outcome.problem)
            }
        }
    }

    fun open(action: ContactAction): PlatformRequest.OpenUri = PlatformRequest.OpenUri(action.uri, action.kind)

    fun dismissProblem() = update { it.copy(problem = null) }

    companion object {
        /** How far ahead "next" looks when today holds nothing more. */
        val NEXT_WINDOW: Duration = Duration.ofDays(14)
    }
}
