//! `companion-server program contact add|edit|remove|list`: the contacts a program publishes
//! to its participants, such as its own after-hours crisis line (role `crisis-line`, offered
//! right after the built-in lines) or its front desk. They live in the program's document
//! (see `program_doc.rs`) and reach devices at their next sync, read-only there.

use clap::{Args, Subcommand};
use companion_core::{Contact, ContactFields, ContactRole, Store};
use serde_json::json;
use uuid::Uuid;

use crate::program_doc;
use crate::staff::Outcome;
use crate::storage::Storage;

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Publish a contact (use --role crisis-line for the program's own crisis line)
    Add(AddArgs),
    /// Change a published contact's fields (only those given; "" clears a field)
    Edit(EditArgs),
    /// Stop publishing a contact
    Remove(IdArgs),
    /// List the program's contacts (and publish any change saved here but not yet published)
    List(ProgramArg),
}

#[derive(Debug, Args)]
pub struct ProgramArg {
    #[arg(long, value_name = "PROGRAM_ID")]
    pub program: Uuid,
    /// Country whose local numbers --phone and --sms are, e.g. US (numbers are stored in
    /// international form)
    #[arg(long, value_name = "CC")]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct FieldArgs {
    /// crisis-line, therapist, counselor, case-manager, peer, other...
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    #[arg(long, value_name = "NUMBER")]
    pub phone: Option<String>,
    /// Number for texts, when not the phone number
    #[arg(long, value_name = "NUMBER")]
    pub sms: Option<String>,
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,
    /// When and how to reach it, e.g. "Weekdays 5 pm to 9 am and weekends"
    #[arg(long, value_name = "TEXT")]
    pub about: Option<String>,
    /// Position among the program's contacts, smallest first
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub order: Option<i64>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub program: ProgramArg,
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub fields: FieldArgs,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub id: String,
    #[command(flatten)]
    pub program: ProgramArg,
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: FieldArgs,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    pub id: String,
    #[command(flatten)]
    pub program: ProgramArg,
}

impl ContactCommand {
    fn program(&self) -> &ProgramArg {
        match self {
            ContactCommand::Add(a) => &a.program,
            ContactCommand::Edit(a) => &a.program,
            ContactCommand::Remove(a) => &a.program,
            ContactCommand::List(a) => a,
        }
    }
}

pub async fn run(storage: &Storage, keys: &std::path::Path, command: ContactCommand) -> Outcome {
    let ProgramArg { program, region } = command.program();
    let (program, region) = (*program, region.clone());
    let (mut store, key) = program_doc::open(storage, keys, program).await?;
    store
        .set_device_region(region.as_deref())
        .map_err(|e| e.to_string())?;
    let (verb, contact) = match command {
        ContactCommand::List(_) => return list(&store, program),
        ContactCommand::Add(a) => {
            let mut f = fields(&a.fields)?;
            f.name = Some(a.name);
            f.role.get_or_insert(ContactRole::Other);
            ("Added", store.add_contact(&f).map_err(|e| e.to_string())?)
        }
        ContactCommand::Edit(a) => {
            let mut f = fields(&a.fields)?;
            f.name = a.name;
            let c = store.edit_contact(&a.id, &f).map_err(|e| e.to_string())?;
            ("Updated", c)
        }
        ContactCommand::Remove(a) => {
            let c = store.contact(&a.id).map_err(|e| e.to_string())?;
            store.remove_contact(&a.id).map_err(|e| e.to_string())?;
            ("Removed", c)
        }
    };
    program_doc::publish_change(storage, &mut store, program, &key, "contact").await?;
    Ok(program_doc::changed(
        verb,
        "contact",
        program,
        &contact.id,
        &line(&contact),
        json!(contact),
    ))
}

fn list(store: &Store, program: Uuid) -> Outcome {
    let contacts = store.contacts().map_err(|e| e.to_string())?;
    Ok(program_doc::listed(program, "contacts", &contacts, |c| {
        (c.id.clone(), line(c))
    }))
}

/// "After-hours line (crisis-line), +13125550100"
fn line(c: &Contact) -> String {
    let mut out = format!("{} ({})", c.name, c.role);
    for v in [&c.phone, &c.sms, &c.email].into_iter().flatten() {
        out.push_str(&format!(", {v}"));
    }
    out
}

fn fields(a: &FieldArgs) -> Result<ContactFields, String> {
    Ok(ContactFields {
        role: a
            .role
            .as_deref()
            .map(str::parse::<ContactRole>)
            .transpose()
            .map_err(|e| e.to_string())?,
        phone: a.phone.clone(),
        sms: a.sms.clone(),
        email: a.email.clone(),
        notes: a.about.clone(),
        order: a.order,
        ..ContactFields::default()
    })
}
