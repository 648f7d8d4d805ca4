/**
 * The KRX trading calendar ({@link kis.journal.calendar.KrxCalendar}: trading days, holidays from
 * configuration, late-open days) and the session clock ({@link kis.journal.calendar.SessionClock}:
 * market phase, session end and next trading day, from an injected {@link java.time.Clock}).
 */
package kis.journal.calendar;
