//! Each screen's state and its actions, as the core decides them (core/src/screens): the
//! apps render the records and call the actions; they decide nothing. One file per screen.

mod checkin;
mod insights;
mod names;
mod onboarding;
mod open_problem;
mod reach_out;
mod safety_plan;
mod schedule;
mod settings;
mod today;
mod views;

pub use checkin::{
    CheckInSavedRecord, CheckInScreenRecord, CheckInValuesRecord, ScaleChoiceRecord, ScaleRecord,
    UsedTodayChoiceRecord,
};
pub use insights::{
    ChartDayRecord, ChartPointRecord, ChartRecord, ChartTickRecord, FigureRecord,
    InsightsScreenRecord, NudgeViewRecord, SegmentRecord,
};
pub use names::{
    attendance_mark_label, clock_label, day_label, export_format_label, onboarding_choice_label,
    open_problem_choice_label, role_label, session_kind_label, weekday_label, weekday_short_label,
};
pub use onboarding::{
    OnboardingChoice, OnboardingPageRecord, OnboardingScreenRecord, OnboardingStep,
};
pub use open_problem::{
    OpenProblem, OpenProblemChoice, OpenProblemScreen, discard_unopenable_store,
    open_problem_screen,
};
pub use reach_out::{ContactFormRecord, ContactValuesRecord, ReachOutAction, ReachOutScreenRecord};
pub use safety_plan::{
    LinkableContactRecord, SafetyItemViewRecord, SafetyMoveChoiceRecord, SafetyPlanAction,
    SafetyPlanResultRecord, SafetyPlanScreenRecord, SafetySectionViewRecord,
};
pub use schedule::{
    AttendanceViewRecord, DurationChoiceRecord, IntervalChoiceRecord, MoveFormRecord,
    ScheduleAction, ScheduleChoicesRecord, ScheduleDayRecord, ScheduleResultRecord,
    ScheduleScreenRecord, SessionFormRecord, SessionValuesRecord, SessionViewRecord, weekly_repeat,
    zone_clock_label,
};
pub use settings::{
    AccountViewRecord, RegionChoiceRecord, SettingsAction, SettingsResultRecord,
    SettingsScreenRecord,
};
pub use today::{CheckInSummaryRecord, CrisisShortcutRecord, TodayScreenRecord};
pub use views::{LeadChoiceRecord, OccurrenceViewRecord, SessionClockRecord};
