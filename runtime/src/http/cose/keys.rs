//! The keys of the COSE envelope. Each key has an id and is bound to exactly
//! one algorithm: Ed25519 (COSE -19) or ESP256 (-9) signatures, or HMAC
//! 256/64 (4) or 256/256 (5) tags. Applications find a request's key
//! through a [`KeyResolver`]; [`InMemoryKeys`] is the one in this crate.

use coset::iana;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::Arc;

/// The algorithms of the envelope, each with its COSE number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// EdDSA over Ed25519 (COSE -19), the default for signatures.
    Ed25519,
    /// ECDSA over P-256 with SHA-256 (COSE -9), low-S only.
    Esp256,
    /// HMAC-SHA256 truncated to 64 bits (COSE 4).
    Hmac256_64,
    /// HMAC-SHA256 (COSE 5).
    Hmac256_256,
}

impl Algorithm {
    pub(crate) fn iana(self) -> iana::Algorithm {
        match self {
            Algorithm::Ed25519 => iana::Algorithm::Ed25519,
            Algorithm::Esp256 => iana::Algorithm::ESP256,
            Algorithm::Hmac256_64 => iana::Algorithm::HMAC_256_64,
            Algorithm::Hmac256_256 => iana::Algorithm::HMAC_256_256,
        }
    }

    /// The algorithm a protected header names, `None` for any other.
    pub(crate) fn from_header(alg: &coset::Algorithm) -> Option<Algorithm> {
        match alg {
            coset::Algorithm::Assigned(iana::Algorithm::Ed25519) => Some(Algorithm::Ed25519),
            coset::Algorithm::Assigned(iana::Algorithm::ESP256) => Some(Algorithm::Esp256),
            coset::Algorithm::Assigned(iana::Algorithm::HMAC_256_64) => Some(Algorithm::Hmac256_64),
            coset::Algorithm::Assigned(iana::Algorithm::HMAC_256_256) => {
                Some(Algorithm::Hmac256_256)
            }
            _ => None,
        }
    }

    /// A MAC (COSE_Mac0) rather than a signature (COSE_Sign1).
    pub fn is_mac(self) -> bool {
        matches!(self, Algorithm::Hmac256_64 | Algorithm::Hmac256_256)
    }
}

/// Why a key could not be made from the bytes given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(pub String);

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

enum Material {
    Ed25519Signing(ed25519_dalek::SigningKey),
    Ed25519Verifying(ed25519_dalek::VerifyingKey),
    Esp256Signing(p256::ecdsa::SigningKey),
    Esp256Verifying(p256::ecdsa::VerifyingKey),
    Hmac {
        algorithm: Algorithm,
        secret: Vec<u8>,
    },
}

/// A key and its id (`kid`): a signing key (which also verifies), a public
/// key (which only verifies), or an HMAC secret (which does both).
pub struct Key {
    kid: Vec<u8>,
    material: Material,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        f.debug_struct("Key")
            .field("kid", &self.kid)
            .field("algorithm", &self.algorithm())
            .finish_non_exhaustive()
    }
}

/// The shortest HMAC secret taken: the hash's own length.
const HMAC_MIN_SECRET: usize = 32;

impl Key {
    /// An Ed25519 signing key from its 32-byte secret.
    pub fn ed25519_signing(kid: impl Into<Vec<u8>>, secret: [u8; 32]) -> Key {
        Key {
            kid: kid.into(),
            material: Material::Ed25519Signing(ed25519_dalek::SigningKey::from_bytes(&secret)),
        }
    }

    /// An Ed25519 public key from its 32 bytes.
    pub fn ed25519_public(kid: impl Into<Vec<u8>>, public: [u8; 32]) -> Result<Key, KeyError> {
        let key = ed25519_dalek::VerifyingKey::from_bytes(&public)
            .map_err(|e| KeyError(format!("not an Ed25519 public key: {e}")))?;
        Ok(Key {
            kid: kid.into(),
            material: Material::Ed25519Verifying(key),
        })
    }

    /// A P-256 signing key from its 32-byte scalar.
    pub fn esp256_signing(kid: impl Into<Vec<u8>>, secret: &[u8]) -> Result<Key, KeyError> {
        let key = p256::ecdsa::SigningKey::from_slice(secret)
            .map_err(|e| KeyError(format!("not a P-256 secret key: {e}")))?;
        Ok(Key {
            kid: kid.into(),
            material: Material::Esp256Signing(key),
        })
    }

    /// A P-256 public key from its SEC1 encoding.
    pub fn esp256_public(kid: impl Into<Vec<u8>>, sec1: &[u8]) -> Result<Key, KeyError> {
        let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(sec1)
            .map_err(|e| KeyError(format!("not a P-256 public key: {e}")))?;
        Ok(Key {
            kid: kid.into(),
            material: Material::Esp256Verifying(key),
        })
    }

    /// A shared HMAC secret, bound to `algorithm` (a MAC algorithm) and at
    /// least 32 bytes long.
    pub fn hmac(
        kid: impl Into<Vec<u8>>,
        algorithm: Algorithm,
        secret: impl Into<Vec<u8>>,
    ) -> Result<Key, KeyError> {
        let secret = secret.into();
        if !algorithm.is_mac() {
            return Err(KeyError(format!("{algorithm:?} is not a MAC algorithm")));
        }
        if secret.len() < HMAC_MIN_SECRET {
            return Err(KeyError(format!(
                "an HMAC secret needs at least {HMAC_MIN_SECRET} bytes, not {}",
                secret.len()
            )));
        }
        Ok(Key {
            kid: kid.into(),
            material: Material::Hmac { algorithm, secret },
        })
    }

    pub fn kid(&self) -> &[u8] {
        &self.kid
    }

    /// The one algorithm this key is used with.
    pub fn algorithm(&self) -> Algorithm {
        match &self.material {
            Material::Ed25519Signing(_) | Material::Ed25519Verifying(_) => Algorithm::Ed25519,
            Material::Esp256Signing(_) | Material::Esp256Verifying(_) => Algorithm::Esp256,
            Material::Hmac { algorithm, .. } => *algorithm,
        }
    }

    /// The public half of a signing key, as another party holds it; `None`
    /// for a public key already and for a shared secret.
    pub fn public(&self) -> Option<Key> {
        let material = match &self.material {
            Material::Ed25519Signing(key) => Material::Ed25519Verifying(key.verifying_key()),
            Material::Esp256Signing(key) => Material::Esp256Verifying(*key.verifying_key()),
            _ => return None,
        };
        Some(Key {
            kid: self.kid.clone(),
            material,
        })
    }

    /// The signature or tag over `data`; `None` for a key that only
    /// verifies.
    pub(crate) fn sign(&self, data: &[u8]) -> Option<Vec<u8>> {
        use ed25519_dalek::Signer as _;
        match &self.material {
            Material::Ed25519Signing(key) => Some(key.sign(data).to_bytes().to_vec()),
            Material::Esp256Signing(key) => {
                let signature: p256::ecdsa::Signature = key.sign(data);
                let signature = signature.normalize_s().unwrap_or(signature);
                Some(signature.to_bytes().to_vec())
            }
            Material::Hmac { algorithm, secret } => {
                let mut tag = hmac_of(secret, data);
                if *algorithm == Algorithm::Hmac256_64 {
                    tag.truncate(8);
                }
                Some(tag)
            }
            Material::Ed25519Verifying(_) | Material::Esp256Verifying(_) => None,
        }
    }

    /// Whether `signature` is this key's over `data` (in constant time for
    /// tags; a high-S ECDSA signature is refused).
    pub(crate) fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        match &self.material {
            Material::Ed25519Signing(key) => ed25519(&key.verifying_key(), data, signature),
            Material::Ed25519Verifying(key) => ed25519(key, data, signature),
            Material::Esp256Signing(key) => esp256(key.verifying_key(), data, signature),
            Material::Esp256Verifying(key) => esp256(key, data, signature),
            Material::Hmac { algorithm, secret } => {
                let expected = match algorithm {
                    Algorithm::Hmac256_64 => 8,
                    _ => 32,
                };
                if signature.len() != expected {
                    return false;
                }
                let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
                    return false;
                };
                mac.update(data);
                mac.verify_truncated_left(signature).is_ok()
            }
        }
    }

    /// The public key as a COSE_Key (what the key set publishes); `None`
    /// for a shared secret, which is never published.
    pub fn to_cose_key(&self) -> Option<coset::CoseKey> {
        let public = match &self.material {
            Material::Hmac { .. } => return None,
            Material::Ed25519Signing(_) | Material::Esp256Signing(_) => self.public()?,
            _ => return cose_public(self),
        };
        cose_public(&public)
    }
}

/// The public keys among `keys` as a COSE_KeySet: what a server publishes
/// at `/.well-known/cratestack/cose-keys`. Shared secrets are left out.
pub fn key_set<'a>(keys: impl IntoIterator<Item = &'a Key>) -> Vec<u8> {
    use coset::CborSerializable as _;
    let set = coset::CoseKeySet(keys.into_iter().filter_map(Key::to_cose_key).collect());
    set.to_vec().expect("a key set encodes into memory")
}

fn cose_public(key: &Key) -> Option<coset::CoseKey> {
    let built = match &key.material {
        Material::Ed25519Verifying(public) => coset::CoseKeyBuilder::new_okp_key()
            .param(
                iana::OkpKeyParameter::Crv as i64,
                ciborium::Value::from(iana::EllipticCurve::Ed25519 as i64),
            )
            .param(
                iana::OkpKeyParameter::X as i64,
                ciborium::Value::Bytes(public.to_bytes().to_vec()),
            ),
        Material::Esp256Verifying(public) => {
            let point = public.to_encoded_point(false);
            coset::CoseKeyBuilder::new_ec2_pub_key(
                iana::EllipticCurve::P_256,
                point.x()?.to_vec(),
                point.y()?.to_vec(),
            )
        }
        _ => return None,
    };
    Some(
        built
            .key_id(key.kid.clone())
            .algorithm(key.algorithm().iana())
            .add_key_op(iana::KeyOperation::Verify)
            .build(),
    )
}

fn hmac_of(secret: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn ed25519(key: &ed25519_dalek::VerifyingKey, data: &[u8], signature: &[u8]) -> bool {
    let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else {
        return false;
    };
    key.verify_strict(data, &signature).is_ok()
}

fn esp256(key: &p256::ecdsa::VerifyingKey, data: &[u8], signature: &[u8]) -> bool {
    use p256::ecdsa::signature::Verifier as _;
    let Ok(signature) = p256::ecdsa::Signature::from_slice(signature) else {
        return false;
    };
    // Low-S only: the high-S twin of a valid signature is refused, so a
    // signature has one encoding.
    if signature.normalize_s().is_some() {
        return false;
    }
    key.verify(data, &signature).is_ok()
}

/// Finds the key of a `kid`: what the application implements over its key
/// store. The key it returns fixes the algorithm a message must name.
pub trait KeyResolver: Send + Sync + 'static {
    fn resolve(&self, kid: &[u8]) -> Option<Arc<Key>>;
}

/// Keys held in memory, by id.
#[derive(Default)]
pub struct InMemoryKeys {
    keys: HashMap<Vec<u8>, Arc<Key>>,
}

impl InMemoryKeys {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key` under its id (replacing a key with the same id).
    pub fn with(mut self, key: Key) -> Self {
        self.keys.insert(key.kid.clone(), Arc::new(key));
        self
    }
}

impl KeyResolver for InMemoryKeys {
    fn resolve(&self, kid: &[u8]) -> Option<Arc<Key>> {
        self.keys.get(kid).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coset::CborSerializable as _;

    #[test]
    fn the_key_set_publishes_public_keys_only() {
        let ed = Key::ed25519_signing(b"ed".to_vec(), [7; 32]);
        let p = Key::esp256_signing(b"p".to_vec(), &[5; 32]).unwrap();
        let mac = Key::hmac(b"mac".to_vec(), Algorithm::Hmac256_256, vec![1; 32]).unwrap();
        let set = coset::CoseKeySet::from_slice(&key_set([&ed, &p, &mac])).unwrap();
        let kids: Vec<&[u8]> = set.0.iter().map(|k| k.key_id.as_slice()).collect();
        assert_eq!(kids, [b"ed".as_slice(), b"p".as_slice()]);
        for key in &set.0 {
            // No private parameter (`d`, label -4) is ever published.
            assert!(
                key.params
                    .iter()
                    .all(|(label, _)| *label != coset::Label::Int(-4))
            );
        }
        // Debug output names the key, never its secret.
        assert!(!format!("{mac:?}").contains("[1, 1"));
    }

    #[test]
    fn hmac_keys_need_a_mac_algorithm_and_a_long_secret() {
        assert!(Key::hmac(b"k".to_vec(), Algorithm::Ed25519, vec![1; 32]).is_err());
        assert!(Key::hmac(b"k".to_vec(), Algorithm::Hmac256_64, vec![1; 31]).is_err());
    }
}
