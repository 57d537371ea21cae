//! Which servers a device may talk to: HTTPS anywhere, plain HTTP only to this device.

use std::fmt;
use std::net::IpAddr;

use url::{Host, Url};

use crate::error::{Error, Result};

/// A sync server's address, checked: `https://` to any host, or `http://` to loopback only
/// (`localhost`, 127.0.0.0/8, `::1`), which a developer's server on the same machine (or an
/// emulator's `adb reverse`) uses. A participant's token and sealed data never cross a
/// network in the clear, whichever shell sends them: the apps' network security settings
/// (Android's network security config, iOS's App Transport Security) say the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl {
    /// Normalised (as the URL standard writes it), without a trailing slash.
    base: String,
}

impl ServerUrl {
    /// Checks an address typed or scanned by the participant, or kept from enrolment. The
    /// error names what is wrong, never the text itself.
    pub fn parse(text: &str) -> Result<ServerUrl> {
        let trimmed = text.trim();
        let url = Url::parse(trimmed).map_err(|_| {
            Error::invalid(
                "server",
                "must be an address such as https://sync.example.org",
            )
        })?;
        let host = url.host().ok_or_else(|| {
            Error::invalid(
                "server",
                "must be an address such as https://sync.example.org",
            )
        })?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&host) => {}
            "http" => {
                return Err(Error::invalid(
                    "server",
                    "must start with https:// (plain http:// is only for a server on this device)",
                ));
            }
            _ => {
                return Err(Error::invalid(
                    "server",
                    "must be an address such as https://sync.example.org",
                ));
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::invalid(
                "server",
                "must not hold a user name or password",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid(
                "server",
                "must be the server's address only, without ? or #",
            ));
        }
        let base = url.as_str().trim_end_matches('/').to_owned();
        Ok(ServerUrl { base })
    }

    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// The URL of an API path (which starts with `/`).
    pub(crate) fn join(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl fmt::Display for ServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base)
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => {
            // ::ffff:127.0.0.1 is IPv4 loopback written as IPv6.
            ip.is_loopback()
                || ip
                    .to_ipv4_mapped()
                    .is_some_and(|v4| IpAddr::V4(v4).is_loopback())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> String {
        match ServerUrl::parse(text) {
            Err(Error::InvalidInput { field, reason }) => {
                assert_eq!(field, "server");
                reason
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn https_anywhere_and_http_to_this_device_only() {
        for (text, base) in [
            ("https://sync.example.org", "https://sync.example.org"),
            ("  https://sync.example.org/ ", "https://sync.example.org"),
            (
                "HTTPS://Sync.Example.ORG:8443/",
                "https://sync.example.org:8443",
            ),
            (
                "https://clinic.example.org/companion/",
                "https://clinic.example.org/companion",
            ),
            ("https://203.0.113.7", "https://203.0.113.7"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://127.8.9.10:8080/", "http://127.8.9.10:8080"),
            ("http://localhost:8080", "http://localhost:8080"),
            ("http://LOCALHOST", "http://localhost"),
            ("http://[::1]:8080", "http://[::1]:8080"),
            (
                "http://[::ffff:127.0.0.1]:8080",
                "http://[::ffff:7f00:1]:8080",
            ),
        ] {
            assert_eq!(ServerUrl::parse(text).unwrap().as_str(), base, "{text}");
        }
        let url = ServerUrl::parse("https://sync.example.org/").unwrap();
        assert_eq!(url.join("/v1/me"), "https://sync.example.org/v1/me");
    }

    #[test]
    fn plain_http_to_another_host_is_refused() {
        for text in [
            "http://sync.example.org",
            "http://192.168.1.20:8080",
            "http://10.0.2.2:8080",
            "http://0.0.0.0:8080",
            "http://[::]:8080",
            "http://localhost.example.org",
            "http://127.0.0.1.nip.io",
            "http://[fe80::1]",
        ] {
            assert!(refused(text).contains("https://"), "{text}");
        }
    }

    #[test]
    fn other_addresses_are_refused_without_echoing_them() {
        for text in [
            "",
            "sync.example.org",
            "ftp://sync.example.org",
            "file:///etc/passwd",
            "https://",
            "javascript:alert(1)",
            "https://sam:secret@sync.example.org",
            "https://sync.example.org/?token=secret",
            "https://sync.example.org/#secret",
            "https://exa mple.org",
        ] {
            let reason = refused(text);
            assert!(
                !reason.contains("secret") && !reason.contains("sam"),
                "{text}: {reason}"
            );
        }
    }
}
