//! The COSE transport envelope over the CBOR codec: request and response
//! bodies signed (COSE_Sign1: Ed25519, ESP256) or MACed (COSE_Mac0: HMAC
//! 256/64, 256/256) for service-to-service authentication and integrity
//! through hops that terminate TLS. Keys and their resolver (`keys`), the
//! external AAD a message is bound to (`aad`), sealing and opening
//! (`envelope`), replay protection (`nonce`), the middleware on the router
//! (`layer`) and the calling side (`client`).

pub mod aad;
pub mod client;
pub mod envelope;
pub mod keys;
pub(crate) mod layer;
pub mod nonce;

pub use client::{CoseClient, SealedRequest};
pub use layer::{Cose, Mode, VerifiedKey};

pub use aad::{BINDING_VERSION, RequestBinding, canonical_query};
pub use envelope::{Claims, CoseType, NONCE_LEN, Opened, Refused, SealError, open, seal};
pub use keys::{Algorithm, InMemoryKeys, Key, KeyError, KeyResolver, key_set};
#[cfg(feature = "redis")]
pub use nonce::RedisNonces;
pub use nonce::{MemoryNonces, NonceStore, fresh};
