//! HTTPS for real, for the terminal shell's transport: a TLS-terminating proxy on loopback in
//! front of the real server, with a certificate from a certificate authority this test makes,
//! trusted by the transport alone. The phones' transports have the same test in Kotlin
//! (android/transport).

mod common;

use std::sync::Arc;

use chrono::NaiveDate;
use companion_core::net::ReqwestTransport;
use companion_core::{CheckInEdit, Error};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::common::*;

on_both_backends!(
    enrolment_and_sync_over_https_with_a_trusted_certificate,
    an_unknown_certificate_is_a_tls_error_and_changes_nothing,
);

/// A certificate authority of the test's own.
struct Authority {
    pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl Authority {
    fn new(name: &str) -> Authority {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let pem = params.self_signed(&key).unwrap().pem();
        Authority {
            pem,
            issuer: Issuer::new(params, key),
        }
    }

    /// A client that trusts this authority and nothing else.
    fn transport(&self) -> ReqwestTransport {
        ReqwestTransport::trusting_only(self.pem.as_bytes()).unwrap()
    }

    /// A TLS proxy for `localhost`, with a certificate this authority signed, in front of
    /// `server`.
    async fn proxy(&self, server: &Server) -> String {
        let key = KeyPair::generate().unwrap();
        let params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
        let certificate = params.signed_by(&key, &self.issuer).unwrap();
        let config = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(
                vec![certificate.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .unwrap();
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let upstream = server.addr;
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    // A handshake the client refuses ends here: that is the second test.
                    let Ok(mut tls) = acceptor.accept(client).await else {
                        return;
                    };
                    if let Ok(mut plain) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                    }
                });
            }
        });
        format!("https://localhost:{port}")
    }
}

async fn enrolment_and_sync_over_https_with_a_trusted_certificate(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("Evening IOP").await;
    let (code, _) = env.invite(program).await;
    let authority = Authority::new("IOP Companion test CA");
    let url = authority.proxy(&server).await;
    let net = authority.transport();

    let mut phone = open_store(env.dir.path().join("phone")).unwrap();
    let account = phone.enroll(&net, &url, &code).await.unwrap();
    assert_eq!(account.server, url);
    phone
        .record_checkin(
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            &CheckInEdit {
                mood: Some(6),
                note: Some("over TLS".into()),
                ..Default::default()
            },
        )
        .unwrap();
    phone.sync(&net).await.unwrap();
    let mut tablet = open_store(env.dir.path().join("tablet")).unwrap();
    let link = phone.create_link(&net).await.unwrap();
    tablet.redeem_link(&net, &url, &link).await.unwrap();
    tablet.sync(&net).await.unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    assert_eq!(
        tablet.checkin(day).unwrap().unwrap().note.as_deref(),
        Some("over TLS")
    );
}

async fn an_unknown_certificate_is_a_tls_error_and_changes_nothing(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("Evening IOP").await;
    let (code, _) = env.invite(program).await;
    let known = Authority::new("the device's CA");
    let stranger = Authority::new("someone else's CA");
    let impostor = stranger.proxy(&server).await;

    let mut phone = open_store(env.dir.path().join("phone")).unwrap();
    let heads = phone.heads();
    match phone.enroll(&known.transport(), &impostor, &code).await {
        Err(Error::Network(m)) => {
            assert!(
                m.starts_with("could not make a secure connection to the server"),
                "{m}"
            );
            assert!(!m.contains("localhost"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(phone.account().unwrap(), None);
    assert_eq!(phone.heads(), heads);

    // The code was never spent: through a proxy the device trusts, it enrols.
    let trusted = known.proxy(&server).await;
    phone
        .enroll(&known.transport(), &trusted, &code)
        .await
        .unwrap();
    // A device whose trust store no longer knows the server's CA: sync refused, nothing moved.
    phone
        .record_checkin(
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            &CheckInEdit {
                mood: Some(4),
                ..Default::default()
            },
        )
        .unwrap();
    let heads = phone.heads();
    assert!(matches!(
        phone.sync(&stranger.transport()).await,
        Err(Error::Network(m)) if m.starts_with("could not make a secure connection")
    ));
    assert_eq!(phone.heads(), heads);
    let report = phone.sync(&known.transport()).await.unwrap();
    assert_eq!(
        report.documents[0].pushed_chunks, 1,
        "the check-in was still to push"
    );
}
