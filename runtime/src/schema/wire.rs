//! How values that serde has no single convention for go on the wire.
//!
//! `Bytes` fields carry `#[serde(with = "::cstack_runtime::__codegen::wire::bytes")]`:
//! a human-readable format (JSON) gets standard padded base64 text, a binary
//! one (CBOR) a byte string. Without it serde would write `Vec<u8>` as a list
//! of numbers in both. The same attribute serves `Vec<u8>`, `Option<Vec<u8>>`,
//! `Vec<Vec<u8>>` (a `Bytes[]` field) and `Patch<Vec<u8>>`.

/// The serde `with` module of `Bytes` fields. See the module docs.
pub mod bytes {
    use crate::schema::patch::Patch;
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::de::{Error, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::fmt;

    /// A field type made of bytes (one value, optional, a list, a patch).
    pub trait BytesField: Sized {
        fn serialize_bytes<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
        fn deserialize_bytes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    pub fn serialize<T: BytesField, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize_bytes(serializer)
    }

    pub fn deserialize<'de, T: BytesField, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::deserialize_bytes(deserializer)
    }

    /// One byte string, in the representation the format prefers.
    struct Blob(Vec<u8>);

    impl Serialize for Blob {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.serialize_bytes(serializer)
        }
    }

    impl<'de> Deserialize<'de> for Blob {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Vec::<u8>::deserialize_bytes(deserializer).map(Blob)
        }
    }

    struct BlobVisitor;

    impl<'de> Visitor<'de> for BlobVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a byte string or base64 text")
        }

        fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
            Ok(bytes.to_vec())
        }

        fn visit_byte_buf<E: Error>(self, bytes: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(bytes)
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Vec<u8>, E> {
            STANDARD
                .decode(text)
                .map_err(|error| E::custom(format!("invalid base64: {error}")))
        }
    }

    impl BytesField for Vec<u8> {
        fn serialize_bytes<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            if serializer.is_human_readable() {
                serializer.serialize_str(&STANDARD.encode(self))
            } else {
                serializer.serialize_bytes(self)
            }
        }

        fn deserialize_bytes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            if deserializer.is_human_readable() {
                deserializer.deserialize_str(BlobVisitor)
            } else {
                deserializer.deserialize_byte_buf(BlobVisitor)
            }
        }
    }

    impl BytesField for Option<Vec<u8>> {
        fn serialize_bytes<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Some(bytes) => serializer.serialize_some(&Blob(bytes.clone())),
                None => serializer.serialize_none(),
            }
        }

        fn deserialize_bytes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Option::<Blob>::deserialize(deserializer)?.map(|blob| blob.0))
        }
    }

    impl BytesField for Vec<Vec<u8>> {
        fn serialize_bytes<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(|bytes| Blob(bytes.clone())))
        }

        fn deserialize_bytes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Vec::<Blob>::deserialize(deserializer)?
                .into_iter()
                .map(|blob| blob.0)
                .collect())
        }
    }

    impl<T: BytesField> BytesField for Patch<T>
    where
        Option<T>: BytesField,
    {
        fn serialize_bytes<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Patch::Set(value) => value.serialize_bytes(serializer),
                Patch::Null | Patch::Unchanged => serializer.serialize_none(),
            }
        }

        fn deserialize_bytes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Option::<T>::deserialize_bytes(deserializer)?.into())
        }
    }

    impl BytesField for Option<Vec<Vec<u8>>> {
        fn serialize_bytes<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            struct List<'a>(&'a [Vec<u8>]);
            impl Serialize for List<'_> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.collect_seq(self.0.iter().map(|bytes| Blob(bytes.clone())))
                }
            }
            match self {
                Some(list) => serializer.serialize_some(&List(list)),
                None => serializer.serialize_none(),
            }
        }

        fn deserialize_bytes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Option::<Vec<Blob>>::deserialize(deserializer)?
                .map(|list| list.into_iter().map(|blob| blob.0).collect()))
        }
    }
}

#[cfg(all(test, feature = "json", feature = "cbor"))]
mod tests {
    use crate::schema::codec::{Cbor, Codec, Json};
    use crate::schema::patch::Patch;
    use serde::{Deserialize, Serialize};

    /// Every shape a `Bytes` field takes in generated code.
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Shapes {
        #[serde(with = "super::bytes")]
        one: Vec<u8>,
        #[serde(default, with = "super::bytes")]
        maybe: Option<Vec<u8>>,
        #[serde(with = "super::bytes")]
        list: Vec<Vec<u8>>,
        #[serde(
            default,
            skip_serializing_if = "Patch::is_unchanged",
            with = "super::bytes"
        )]
        patch: Patch<Vec<u8>>,
    }

    fn shapes(maybe: Option<Vec<u8>>, patch: Patch<Vec<u8>>) -> Shapes {
        Shapes {
            one: vec![0xde, 0xad],
            maybe,
            list: vec![vec![], vec![1]],
            patch,
        }
    }

    #[test]
    fn json_gets_base64_text() {
        let value = shapes(Some(vec![0xff]), Patch::Null);
        let json = String::from_utf8(Json::encode(&value).unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"one":"3q0=","maybe":"/w==","list":["","AQ=="],"patch":null}"#
        );
        assert_eq!(Json::decode::<Shapes>(json.as_bytes()).unwrap(), value);
        let absent: Shapes = Json::decode(br#"{"one":"","list":[]}"#).unwrap();
        assert_eq!((absent.maybe, absent.patch), (None, Patch::Unchanged));
        let set: Shapes = Json::decode(br#"{"one":"","list":[],"patch":"AQI="}"#).unwrap();
        assert_eq!(set.patch, Patch::Set(vec![1, 2]));
    }

    #[test]
    fn cbor_gets_byte_strings() {
        let value = shapes(None, Patch::Set(vec![7]));
        let cbor = Cbor::encode(&value).unwrap();
        let hex: String = cbor.iter().map(|b| format!("{b:02x}")).collect();
        // {"one": h'dead', "maybe": null, "list": [h'', h'01'], "patch": h'07'}
        assert_eq!(
            hex,
            "a4636f6e6542dead656d61796265f6646c69737482404101657061746368\
             4107"
        );
        assert_eq!(Cbor::decode::<Shapes>(&cbor).unwrap(), value);
    }

    #[test]
    fn bad_base64_is_an_error() {
        let error = Json::decode::<Shapes>(br#"{"one":"%%","list":[]}"#).unwrap_err();
        assert!(error.message.contains("invalid base64"), "{error}");
    }
}
