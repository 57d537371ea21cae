//! The plan as plain text, for an editor, and applying text back: only what differs changes.

use super::*;

const TEXT_HEADER: &str = "\
# Safety plan
#
# Under each section's heading, one line per item, starting with \"- \". Change a line's
# words, add lines, delete lines or move them. Keep the \"##\" headings: a section whose
# heading is missing is left as it is. Lines starting with a single \"#\" are ignored.
#
# In sections 3, 4 and 5 an item can link one of your contacts: \"- @ID\", then words of
# your own if you like. The [name] after an id is a reminder for you and is not read.
# Words that start with @ are written \"- \\@...\".
";

impl SafetyPlan {
    /// The plan as plain text, for an editor: a heading per section, a `- ` line per item.
    /// [`Store::apply_safety_plan_text`] reads it back; unchanged, it changes nothing.
    pub fn to_text(&self) -> String {
        let mut out = String::from(TEXT_HEADER);
        for s in &self.sections {
            out += &format!("\n## {}. {}\n# {}\n", s.number, s.title, s.prompt);
            for item in &s.items {
                out += &item_line(item);
            }
        }
        out
    }
}

fn item_line(item: &SafetyItem) -> String {
    let mut line = String::from("- ");
    if let Some(id) = &item.contact_id {
        let reminder = match (&item.contact_name, &item.contact_phone) {
            (Some(name), Some(phone)) => format!("{name} · {phone}"),
            (Some(name), None) => name.clone(),
            _ => "removed contact".to_owned(),
        };
        // The reminder ends at the first ']', so it may hold none.
        let reminder = reminder.replace('[', "(").replace(']', ")");
        line += &format!("@{id} [{reminder}]");
        if let Some(text) = &item.text {
            line.push(' ');
            line += text;
        }
    } else if let Some(text) = &item.text {
        // A text that starts like a link (or like this escape) is escaped with a backslash.
        if text.starts_with(['@', '\\']) {
            line.push('\\');
        }
        line += text;
    }
    line.push('\n');
    line
}

struct WantedSection {
    section: SafetySection,
    items: Vec<WantedItem>,
}

struct WantedItem {
    line: usize,
    text: Option<String>,
    contact: Option<String>,
}

/// Adds the line number to an input error.
fn at_line(line: usize, e: Error) -> Error {
    match e {
        Error::InvalidInput { field, reason } => Error::InvalidInput {
            field,
            reason: format!("{reason} (line {line})"),
        },
        other => other,
    }
}

/// Reads the text format: checks every line, touches nothing.
fn parse(text: &str) -> Result<Vec<WantedSection>> {
    if text.len() > MAX_SAFETY_PLAN_TEXT_BYTES {
        return Err(Error::invalid(
            "safety plan",
            format!("longer than {MAX_SAFETY_PLAN_TEXT_BYTES} bytes"),
        ));
    }
    let mut out: Vec<WantedSection> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("##") {
            let section = heading(rest.trim_start_matches('#')).map_err(|e| at_line(n, e))?;
            if out.iter().any(|s| s.section == section) {
                return Err(at_line(
                    n,
                    Error::invalid("section", "has a second heading"),
                ));
            }
            out.push(WantedSection {
                section,
                items: Vec::new(),
            });
        } else if line.starts_with('#') {
            continue;
        } else if let Some(rest) = line.strip_prefix('-') {
            let Some(current) = out.last_mut() else {
                return Err(at_line(
                    n,
                    Error::invalid("safety plan", "an item comes before the first heading"),
                ));
            };
            if let Some((text, contact)) = item(current.section, rest).map_err(|e| at_line(n, e))? {
                current.items.push(WantedItem {
                    line: n,
                    text,
                    contact,
                });
            }
        } else {
            return Err(at_line(
                n,
                Error::invalid(
                    "safety plan",
                    "expected a \"## \" heading, a \"- \" item or a \"#\" comment",
                ),
            ));
        }
    }
    Ok(out)
}

/// A heading's section: by its number (`## 4. …`), else by its name or title.
fn heading(rest: &str) -> Result<SafetySection> {
    let rest = rest.trim();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return rest.parse();
    }
    digits
        .parse::<u8>()
        .ok()
        .and_then(SafetySection::from_number)
        .ok_or_else(|| Error::invalid("section", "must be numbered 1 to 7"))
}

type ItemContent = (Option<String>, Option<String>);

/// An item line's text and link after its `-`; `None` for a blank item.
fn item(section: SafetySection, rest: &str) -> Result<Option<ItemContent>> {
    let rest = rest.trim();
    let (text, contact) = match rest.strip_prefix('@') {
        Some(link) => {
            let (id, after) = link.split_once(char::is_whitespace).unwrap_or((link, ""));
            let id =
                contact_id(id)?.ok_or_else(|| Error::invalid("contact", "an @ needs an id"))?;
            let after = after.trim_start();
            let text = match after.strip_prefix('[') {
                Some(reminder) => match reminder.split_once(']') {
                    Some((_, text)) => text,
                    None => {
                        return Err(Error::invalid(
                            "text",
                            "a [name] after a contact id has no closing ]",
                        ));
                    }
                },
                None => after,
            };
            (item_text(text)?, Some(id))
        }
        None => (item_text(rest.strip_prefix('\\').unwrap_or(rest))?, None),
    };
    if text.is_none() && contact.is_none() {
        return Ok(None);
    }
    check_item(section, text.as_deref(), contact.as_deref())?;
    Ok(Some((text, contact)))
}

impl Store {
    /// Makes the plan what `text` (the format of [`SafetyPlan::to_text`]) says, changing only
    /// what differs, as one change: all of it or, on any error, nothing.
    ///
    /// Within each section whose heading appears, lines are matched to items by their text
    /// and link: a matched item is left as it is (moved if its line moved), a line with no
    /// item becomes a new item, an item with no line is removed. A section whose heading is
    /// missing is left as it is, so a deleted heading never empties a section by accident.
    /// Errors name the field and the line, never the text.
    pub fn apply_safety_plan_text(&mut self, text: &str) -> Result<SafetyPlanDiffSummary> {
        let wanted = parse(text)?;
        // Whether each linked id leads somewhere, asked before the change: a link is checked
        // where it is resolved, which reads the store.
        let mut link_ok: HashMap<&str, bool> = HashMap::new();
        for item in wanted.iter().flat_map(|s| &s.items) {
            if let Some(id) = item.contact.as_deref()
                && !link_ok.contains_key(id)
            {
                let ok = match self.resolve_link(id) {
                    Ok(_) => true,
                    Err(Error::NotFound { .. }) => false,
                    Err(e) => return Err(e),
                };
                link_ok.insert(id, ok);
            }
        }
        self.durable.change(|doc| {
            let map = doc::root_map(doc, SAFETY_PLAN)?;
            let before = all(doc, &map)?;
            let mut summary = SafetyPlanDiffSummary::default();
            for section in &wanted {
                let current: Vec<&Stored> = before
                    .iter()
                    .filter(|s| s.section == section.section)
                    .collect();
                // A section may hold more than the cap after devices merged; it only may not grow.
                if section.items.len() > MAX_SAFETY_ITEMS && section.items.len() > current.len() {
                    return Err(at_line(
                        section.items[MAX_SAFETY_ITEMS].line,
                        section_full(),
                    ));
                }
                let mut used = vec![false; current.len()];
                let matched: Vec<Option<usize>> = section
                    .items
                    .iter()
                    .map(|w| {
                        let j = (0..current.len()).find(|&j| {
                            !used[j] && current[j].text == w.text && current[j].contact == w.contact
                        });
                        if let Some(j) = j {
                            used[j] = true;
                        }
                        j
                    })
                    .collect();
                for (w, m) in section.items.iter().zip(&matched) {
                    if let (None, Some(id)) = (m, w.contact.as_deref())
                        && !link_ok.get(id).copied().unwrap_or(false)
                    {
                        return Err(at_line(
                            w.line,
                            Error::invalid("contact", "no contact has that id"),
                        ));
                    }
                }
                for (c, used) in current.iter().zip(&used) {
                    if !used {
                        doc::remove(doc, &map, &c.id)?;
                        summary.removed += 1;
                    }
                }
                let mut sequence = Vec::with_capacity(section.items.len());
                for (w, m) in section.items.iter().zip(&matched) {
                    match m {
                        Some(j) => sequence.push((current[*j].id.clone(), Some(current[*j].order))),
                        None => {
                            let id = create(
                                doc,
                                &map,
                                section.section,
                                w.text.as_deref(),
                                w.contact.as_deref(),
                            )?;
                            sequence.push((id, None));
                            summary.added += 1;
                        }
                    }
                }
                summary.moved += write_sequence(doc, &map, &sequence)?;
            }
            summary.unchanged = u32::try_from(before.len())
                .unwrap_or(u32::MAX)
                .saturating_sub(summary.removed + summary.moved);
            Ok(summary)
        })
    }
}
