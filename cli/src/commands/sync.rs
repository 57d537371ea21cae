use companion_core::net::ReqwestTransport;
use companion_core::{AccountInfo, SyncReport};

use super::Ctx;
use crate::args::{EnrollArgs, LinkCommand};
use crate::output;
use crate::{Failure, Outcome};

/// Runs one of the core's async calls to completion: the shell does one thing per command.
pub(super) fn block_on<T>(future: impl std::future::Future<Output = T>) -> Outcome<T> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::Message(format!("could not start the network runtime: {}", e.kind()))
        })?;
    Ok(runtime.block_on(future))
}

/// The terminal's network stack: reqwest, trusting the system's certificates.
pub(super) fn transport() -> Outcome<ReqwestTransport> {
    Ok(ReqwestTransport::new()?)
}

fn account_text(a: &AccountInfo) -> String {
    let programs: Vec<&str> = a.programs.iter().map(|p| p.name.as_str()).collect();
    output::pairs(&[
        ("Server", a.server.clone()),
        ("Participant", a.participant_id.clone()),
        ("This device", a.device_id.clone()),
        (
            "Programs",
            if programs.is_empty() {
                "-".into()
            } else {
                programs.join(", ")
            },
        ),
    ])
}

pub fn enroll(ctx: &mut Ctx, a: EnrollArgs) -> Outcome {
    let net = transport()?;
    let info = block_on(ctx.store.enroll(&net, &a.server, &a.code))??;
    if a.json {
        return output::json(&info);
    }
    Ok(format!(
        "Enrolled. Run `companion sync` to fetch your program's schedule.\n{}",
        account_text(&info)
    ))
}

pub fn link(ctx: &mut Ctx, c: LinkCommand) -> Outcome {
    match c {
        LinkCommand::Create(a) => {
            let code = block_on(ctx.store.create_link(&transport()?))??;
            if a.json {
                return output::json(&serde_json::json!({ "code": code }));
            }
            Ok(format!(
                "On your other device, within 15 minutes, run:\n  companion link redeem {code} --server <the same server>\nThe code carries your keys: show it to no one else.\n"
            ))
        }
        LinkCommand::Redeem(a) => {
            let net = transport()?;
            let info = block_on(ctx.store.redeem_link(&net, &a.server, &a.code))??;
            if a.json {
                return output::json(&info);
            }
            Ok(format!(
                "Linked. Run `companion sync` to fetch your data.\n{}",
                account_text(&info)
            ))
        }
    }
}

pub fn sync(ctx: &mut Ctx, json: bool) -> Outcome {
    let report: SyncReport = block_on(ctx.store.sync(&transport()?))??;
    if json {
        return output::json(&report);
    }
    let pushed: usize = report.documents.iter().map(|d| d.pushed_chunks).sum();
    let pulled: usize = report.documents.iter().map(|d| d.pulled_chunks).sum();
    Ok(format!(
        "Synced {} documents in {} round trips: sent {pushed} chunks ({} bytes), received {pulled} ({} bytes){}.\n",
        report.documents.len(),
        report.round_trips,
        report.bytes_up,
        report.bytes_down,
        if report.changed {
            "; your data changed"
        } else {
            "; nothing new"
        }
    ))
}

pub fn account(ctx: &Ctx, json: bool) -> Outcome {
    let info = ctx.store.account()?;
    if json {
        return output::json(&info);
    }
    Ok(match info {
        Some(a) => account_text(&a),
        None => "Not enrolled: `companion enroll --server URL --code CODE`.\n".into(),
    })
}
