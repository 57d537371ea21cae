use companion_core::{ContactFields, ContactRole};

use super::Ctx;
use crate::Outcome;
use crate::args::{ContactCommand, ContactFieldArgs};
use crate::output;

pub fn run(ctx: &mut Ctx, c: ContactCommand) -> Outcome {
    match c {
        ContactCommand::Add(a) => {
            let json = a.fields.json;
            let mut fields = fields(a.fields)?;
            fields.name = Some(a.name);
            fields.favourite = Some(a.favourite);
            let c = ctx.store.add_contact(&fields)?;
            if json {
                return output::json(&c);
            }
            Ok(format!(
                "Added contact {}: {}\n",
                c.id,
                output::contact_line(&c)
            ))
        }
        ContactCommand::Edit(a) => {
            let json = a.fields.json;
            let mut fields = fields(a.fields)?;
            fields.name = a.name;
            fields.favourite = a.favourite;
            let c = ctx.store.edit_contact(&a.id, &fields)?;
            if json {
                return output::json(&c);
            }
            Ok(format!(
                "Updated contact {}: {}\n",
                c.id,
                output::contact_line(&c)
            ))
        }
        ContactCommand::Remove(a) => {
            ctx.store.remove_contact(&a.id)?;
            Ok(format!("Removed contact {}.\n", a.id))
        }
    }
}

fn fields(a: ContactFieldArgs) -> Outcome<ContactFields> {
    Ok(ContactFields {
        role: a
            .role
            .as_deref()
            .map(str::parse::<ContactRole>)
            .transpose()?,
        phone: a.phone,
        sms: a.sms,
        email: a.email,
        notes: a.notes,
        order: a.order.map(i64::from),
        ..ContactFields::default()
    })
}

pub fn list(ctx: &Ctx, json: bool) -> Outcome {
    let list = ctx.store.contacts()?;
    if json {
        return output::json(&list);
    }
    Ok(output::contacts(&list))
}
