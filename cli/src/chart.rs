//! The mood and craving chart, as SVG, drawn from the core's day series.
//!
//! Each series is drawn run by run, so a line never bridges a day without a value, with a
//! point on every day that has one; missed days are light grey bars. No fonts are loaded:
//! the SVG names a generic family and the viewer draws the text.

use chrono::{Days, NaiveDate};
use companion_core::DayPoint;
use plotters::prelude::*;

use crate::{Failure, Outcome};

/// Mood's colour (lines and points); tests count points by it.
pub const MOOD: RGBColor = RGBColor(0x2B, 0x6C, 0xB0);
/// Craving's colour.
pub const CRAVING: RGBColor = RGBColor(0xC0, 0x56, 0x21);
/// The bars behind missed days.
pub const MISSED: RGBColor = RGBColor(0xDD, 0xE1, 0xE6);

const WIDTH: u32 = 960;
const HEIGHT: u32 = 440;
const LEGEND_HEIGHT: u32 = 40;
const FONT: &str = "sans-serif";
/// x units per day: integer coordinates (plotters formats their labels as told, unlike
/// floats with chosen key points) that still place a bar a little narrower than its day.
const DAY: i32 = 10;

/// The SVG document of `points` (oldest first, one per day).
pub fn svg(points: &[DayPoint]) -> Outcome {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Err(Failure::Message("no days to chart".into()));
    };
    let mut buf = String::new();
    draw(&mut buf, points, first.date, last.date)
        .map_err(|_| Failure::Message("could not draw the chart".into()))?;
    Ok(buf)
}

type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn draw(buf: &mut String, points: &[DayPoint], first: NaiveDate, last: NaiveDate) -> Drawn {
    let root = SVGBackend::with_string(buf, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let (plot, legend) = root.split_vertically(HEIGHT - LEGEND_HEIGHT);
    let n = i32::try_from(points.len()).unwrap_or(i32::MAX / DAY);
    let title = format!(
        "Mood and craving, {} to {}",
        first.format("%b %-d, %Y"),
        last.format("%b %-d, %Y")
    );
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, (FONT, 20))
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(36)
        .build_cartesian_2d(
            (-DAY / 2..n * DAY - DAY / 2).with_key_points(date_keys(n)),
            (0..10).with_key_points((0..=10).collect()),
        )?;
    // Bars first, so the grid and the lines stay on top of them.
    chart.draw_series(
        points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.missed)
            .map(|(i, _)| {
                let x = x_of(i);
                Rectangle::new(
                    [(x - DAY * 4 / 10, 0), (x + DAY * 4 / 10, 10)],
                    MISSED.filled(),
                )
            }),
    )?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(BLACK.mix(0.12))
        .label_style((FONT, 13))
        .x_label_formatter(&|x| day_label(first, *x))
        .y_label_formatter(&|y| y.to_string())
        .draw()?;
    let mood: Vec<Option<u8>> = points.iter().map(|p| p.mood).collect();
    let craving: Vec<Option<u8>> = points.iter().map(|p| p.craving).collect();
    for (values, colour) in [(&mood, MOOD), (&craving, CRAVING)] {
        for run in runs(values) {
            if run.len() > 1 {
                chart.draw_series(LineSeries::new(run.iter().copied(), colour.stroke_width(2)))?;
            }
            chart.draw_series(run.iter().map(|&p| Circle::new(p, 3, colour.filled())))?;
        }
    }
    // The legend below the plot, so it never hides a point. Lines only: points are counted.
    let text = (FONT, 14).into_font().color(&BLACK);
    let y = 14;
    let mut x = 48;
    for (label, colour, width) in [
        ("Mood (1 worst, 10 best)", MOOD, 2),
        ("Craving (0 none, 10 strongest)", CRAVING, 2),
        ("Missed day", MISSED, 12),
    ] {
        legend.draw(&PathElement::new(
            vec![(x, y), (x + 28, y)],
            colour.stroke_width(width),
        ))?;
        legend.draw(&Text::new(label, (x + 36, y - 8), text.clone()))?;
        x += 36 + 8 * label.len() as i32 + 32;
    }
    root.present()
}

fn x_of(day: usize) -> i32 {
    i32::try_from(day).unwrap_or(i32::MAX / DAY) * DAY
}

/// The runs of consecutive days with a value, as chart points (x, value).
fn runs(values: &[Option<u8>]) -> Vec<Vec<(i32, i32)>> {
    let mut out: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => current.push((x_of(i), i32::from(*v))),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The x of the days to label, counted back from the last day so it is always labelled.
fn date_keys(n: i32) -> Vec<i32> {
    let step = match n {
        ..=10 => 1,
        11..=45 => 7,
        46..=120 => 14,
        _ => 30,
    };
    let mut keys: Vec<i32> = (0..n).rev().step_by(step).map(|i| i * DAY).collect();
    keys.reverse();
    keys
}

fn day_label(first: NaiveDate, x: i32) -> String {
    let day = u64::try_from((x + DAY / 2).div_euclid(DAY)).unwrap_or(0);
    first
        .checked_add_days(Days::new(day))
        .map(|d| d.format("%b %-d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_break_at_gaps() {
        let r = runs(&[
            Some(1),
            Some(2),
            None,
            Some(3),
            None,
            None,
            Some(4),
            Some(5),
        ]);
        assert_eq!(
            r,
            vec![
                vec![(0, 1), (DAY, 2)],
                vec![(3 * DAY, 3)],
                vec![(6 * DAY, 4), (7 * DAY, 5)]
            ]
        );
        assert!(runs(&[None, None]).is_empty());
    }

    #[test]
    fn the_last_day_is_always_labelled() {
        assert_eq!(date_keys(30), [10, 80, 150, 220, 290]);
        assert_eq!(date_keys(3), [0, 10, 20]);
        assert_eq!(date_keys(90).last(), Some(&890));
        let first = NaiveDate::from_ymd_opt(2026, 1, 30).unwrap();
        assert_eq!(day_label(first, 0), "Jan 30");
        assert_eq!(day_label(first, 20), "Feb 1");
    }
}
