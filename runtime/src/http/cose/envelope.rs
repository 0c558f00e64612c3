//! Sealing and opening COSE_Sign1 (tag 18) and COSE_Mac0 (tag 17)
//! messages: the protected header carries `alg`, `kid` and, on requests,
//! the claims (CWT claims, label 15: issued-at and a 16-byte `cti` nonce);
//! the unprotected header is empty; the payload is the exact CBOR bytes of
//! the codec. Opening checks everything a message claims against the key
//! its `kid` resolves to, and says only *that* it failed, never why, so a
//! caller cannot probe which part was wrong.

use crate::http::cose::keys::{Algorithm, Key, KeyResolver};
use ciborium::Value;
use coset::{CoseMac0, CoseMac0Builder, CoseSign1, CoseSign1Builder, TaggedCborSerializable};
use std::sync::Arc;

/// The CWT claims header parameter (RFC 9597).
const CWT_CLAIMS: i64 = 15;
/// Claim keys inside it: issued-at and the CWT id (the nonce).
const IAT: i64 = 6;
const CTI: i64 = 7;
/// The length of a request nonce.
pub const NONCE_LEN: usize = 16;

/// Which COSE structure a body is, from its media type's `cose-type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoseType {
    Sign1,
    Mac0,
}

impl CoseType {
    /// The structure `key` makes.
    pub fn of(key: &Key) -> CoseType {
        if key.algorithm().is_mac() {
            CoseType::Mac0
        } else {
            CoseType::Sign1
        }
    }

    /// `application/cose; cose-type="cose-sign1"` or `"cose-mac0"`.
    pub fn media_type(self) -> &'static str {
        match self {
            CoseType::Sign1 => "application/cose; cose-type=\"cose-sign1\"",
            CoseType::Mac0 => "application/cose; cose-type=\"cose-mac0\"",
        }
    }
}

/// A request's claims: when it was made and its nonce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claims {
    /// Seconds since the Unix epoch.
    pub issued_at: i64,
    pub nonce: [u8; NONCE_LEN],
}

impl Claims {
    /// Claims for a request made now, with a fresh random nonce.
    pub fn now() -> Claims {
        let mut nonce = [0; NONCE_LEN];
        getrandom::fill(&mut nonce).expect("the operating system's random source");
        Claims {
            issued_at: chrono::Utc::now().timestamp(),
            nonce,
        }
    }

    fn to_value(self) -> Value {
        Value::Map(vec![
            (Value::from(IAT), Value::from(self.issued_at)),
            (Value::from(CTI), Value::Bytes(self.nonce.to_vec())),
        ])
    }

    fn from_value(value: &Value) -> Option<Claims> {
        let Value::Map(entries) = value else {
            return None;
        };
        if entries.len() != 2 {
            return None;
        }
        let find = |key: i64| {
            entries
                .iter()
                .find(|(k, _)| k.as_integer() == Some(key.into()))
                .map(|(_, v)| v)
        };
        let issued_at = i64::try_from(find(IAT)?.as_integer()?).ok()?;
        let nonce = find(CTI)?.as_bytes()?.as_slice().try_into().ok()?;
        Some(Claims { issued_at, nonce })
    }
}

/// Why a message could not be sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealError(pub String);

impl std::fmt::Display for SealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SealError {}

/// A message that did not open. Deliberately without a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// What an opened message carried.
#[derive(Debug)]
pub struct Opened {
    /// The key that verified it.
    pub key: Arc<Key>,
    pub payload: Vec<u8>,
    /// A request's claims (`None` on a response).
    pub claims: Option<Claims>,
}

/// Seals `payload` with `key` over `aad`, with `claims` on a request.
pub fn seal(
    key: &Key,
    payload: &[u8],
    aad: &[u8],
    claims: Option<Claims>,
) -> Result<Vec<u8>, SealError> {
    let mut header = coset::HeaderBuilder::new()
        .algorithm(key.algorithm().iana())
        .key_id(key.kid().to_vec());
    if let Some(claims) = claims {
        header = header.value(CWT_CLAIMS, claims.to_value());
    }
    let header = header.build();
    let cannot = || {
        SealError(format!(
            "key {:?} cannot sign: it is a public key",
            key.kid()
        ))
    };
    let bytes = match CoseType::of(key) {
        CoseType::Sign1 => CoseSign1Builder::new()
            .protected(header)
            .payload(payload.to_vec())
            .try_create_signature(aad, |data| key.sign(data).ok_or_else(cannot))?
            .build()
            .to_tagged_vec(),
        CoseType::Mac0 => CoseMac0Builder::new()
            .protected(header)
            .payload(payload.to_vec())
            .try_create_tag(aad, |data| key.sign(data).ok_or_else(cannot))?
            .build()
            .to_tagged_vec(),
    };
    bytes.map_err(|e| SealError(e.to_string()))
}

/// Opens `bytes` as a `cose_type` message over `aad` with the key its
/// `kid` resolves to. A request (`request: true`) must carry claims; a
/// response must not. The message must name exactly its key's algorithm,
/// leave the unprotected header empty and carry its payload.
pub fn open(
    bytes: &[u8],
    cose_type: CoseType,
    keys: &dyn KeyResolver,
    aad: &[u8],
    request: bool,
) -> Result<Opened, Refused> {
    let message = Message::parse(bytes, cose_type)?;
    let (protected, unprotected, payload) = message.parts();
    if !unprotected.is_empty() || protected.key_id.is_empty() {
        return Err(Refused);
    }
    let key = keys.resolve(&protected.key_id).ok_or(Refused)?;
    let named = protected.alg.as_ref().and_then(Algorithm::from_header);
    if named != Some(key.algorithm()) || CoseType::of(&key) != cose_type {
        return Err(Refused);
    }
    let claims = protected
        .rest
        .iter()
        .find(|(label, _)| *label == coset::Label::Int(CWT_CLAIMS))
        .map(|(_, value)| Claims::from_value(value).ok_or(Refused))
        .transpose()?;
    // Nothing but alg, kid and (on a request) the claims.
    let expected_rest = usize::from(request);
    if claims.is_some() != request
        || protected.rest.len() != expected_rest
        || !protected.crit.is_empty()
        || protected.content_type.is_some()
        || !protected.iv.is_empty()
        || !protected.partial_iv.is_empty()
        || !protected.counter_signatures.is_empty()
    {
        return Err(Refused);
    }
    let payload = payload.ok_or(Refused)?.clone();
    if !message.verified_by(&key, aad) {
        return Err(Refused);
    }
    Ok(Opened {
        key,
        payload,
        claims,
    })
}

/// A parsed message of either structure.
enum Message {
    Sign1(CoseSign1),
    Mac0(CoseMac0),
}

impl Message {
    fn parse(bytes: &[u8], cose_type: CoseType) -> Result<Message, Refused> {
        match cose_type {
            CoseType::Sign1 => CoseSign1::from_tagged_slice(bytes).map(Message::Sign1),
            CoseType::Mac0 => CoseMac0::from_tagged_slice(bytes).map(Message::Mac0),
        }
        .map_err(|_| Refused)
    }

    /// The protected and unprotected headers and the payload.
    fn parts(&self) -> (&coset::Header, &coset::Header, Option<&Vec<u8>>) {
        match self {
            Message::Sign1(m) => (&m.protected.header, &m.unprotected, m.payload.as_ref()),
            Message::Mac0(m) => (&m.protected.header, &m.unprotected, m.payload.as_ref()),
        }
    }

    /// Whether `key`'s signature or tag over the message and `aad` holds.
    fn verified_by(&self, key: &Key, aad: &[u8]) -> bool {
        let check = |signature: &[u8], data: &[u8]| {
            key.verify(data, signature).then_some(()).ok_or(Refused)
        };
        match self {
            Message::Sign1(m) => m.verify_signature(aad, check).is_ok(),
            Message::Mac0(m) => m.verify_payload_tag(aad, || Refused, check).is_ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::cose::keys::InMemoryKeys;

    fn keys() -> (Key, Key, InMemoryKeys) {
        let ed = Key::ed25519_signing(b"ed".to_vec(), [7; 32]);
        let mac = Key::hmac(b"mac".to_vec(), Algorithm::Hmac256_64, vec![3; 32]).unwrap();
        let resolver = InMemoryKeys::new()
            .with(ed.public().unwrap())
            .with(Key::hmac(b"mac".to_vec(), Algorithm::Hmac256_64, vec![3; 32]).unwrap());
        (ed, mac, resolver)
    }

    #[test]
    fn sealed_messages_open_with_the_same_aad_only() {
        let (ed, mac, resolver) = keys();
        let claims = Claims::now();
        for key in [&ed, &mac] {
            let kind = CoseType::of(key);
            let sealed = seal(key, b"\xa1\x61a\x01", b"aad", Some(claims)).unwrap();
            let opened = open(&sealed, kind, &resolver, b"aad", true).unwrap();
            assert_eq!(opened.payload, b"\xa1\x61a\x01");
            assert_eq!(opened.claims, Some(claims));
            assert_eq!(
                open(&sealed, kind, &resolver, b"aae", true).unwrap_err(),
                Refused
            );
            // A request's claims are required, a response's refused.
            assert_eq!(
                open(&sealed, kind, &resolver, b"aad", false).unwrap_err(),
                Refused
            );
            let response = seal(key, b"\x01", b"aad", None).unwrap();
            assert!(open(&response, kind, &resolver, b"aad", false).is_ok());
            assert_eq!(
                open(&response, kind, &resolver, b"aad", true).unwrap_err(),
                Refused
            );
        }
    }

    #[test]
    fn every_flipped_bit_is_refused() {
        let (ed, _, resolver) = keys();
        let sealed = seal(&ed, b"\x83\x01\x02\x03", b"aad", Some(Claims::now())).unwrap();
        for index in 0..sealed.len() {
            for bit in 0..8 {
                let mut tampered = sealed.clone();
                tampered[index] ^= 1 << bit;
                assert!(
                    open(&tampered, CoseType::Sign1, &resolver, b"aad", true).is_err(),
                    "byte {index} bit {bit}"
                );
            }
        }
    }

    #[test]
    fn a_key_opens_only_the_structure_and_algorithm_it_is_bound_to() {
        let (ed, _, resolver) = keys();
        let sealed = seal(&ed, b"\x01", b"aad", Some(Claims::now())).unwrap();
        assert!(open(&sealed, CoseType::Mac0, &resolver, b"aad", true).is_err());
        // The same secret under the other HMAC algorithm is another key.
        let wide = Key::hmac(b"mac".to_vec(), Algorithm::Hmac256_256, vec![3; 32]).unwrap();
        let sealed = seal(&wide, b"\x01", b"aad", Some(Claims::now())).unwrap();
        assert!(open(&sealed, CoseType::Mac0, &resolver, b"aad", true).is_err());
        // A public key cannot seal.
        assert!(seal(&ed.public().unwrap(), b"\x01", b"aad", None).is_err());
        // An unknown kid.
        let stranger = Key::ed25519_signing(b"other".to_vec(), [8; 32]);
        let sealed = seal(&stranger, b"\x01", b"aad", Some(Claims::now())).unwrap();
        assert!(open(&sealed, CoseType::Sign1, &resolver, b"aad", true).is_err());
    }

    #[test]
    fn esp256_signatures_verify_and_their_high_s_twins_do_not() {
        let key = Key::esp256_signing(b"p".to_vec(), &[5; 32]).unwrap();
        let resolver = InMemoryKeys::new().with(key.public().unwrap());
        let sealed = seal(&key, b"\x01", b"aad", Some(Claims::now())).unwrap();
        assert!(open(&sealed, CoseType::Sign1, &resolver, b"aad", true).is_ok());
        let mut message = CoseSign1::from_tagged_slice(&sealed).unwrap();
        let signature = p256::ecdsa::Signature::from_slice(&message.signature).unwrap();
        let (r, s) = signature.split_scalars();
        let high = p256::ecdsa::Signature::from_scalars(r, -*s).unwrap();
        message.signature = high.to_bytes().to_vec();
        let twin = message.to_tagged_vec().unwrap();
        assert!(open(&twin, CoseType::Sign1, &resolver, b"aad", true).is_err());
    }
}
