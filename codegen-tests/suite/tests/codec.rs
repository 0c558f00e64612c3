//! Golden files pinning the wire format of the generated types in JSON and
//! CBOR (`tests/wire/<case>.json` and `<case>.cbor.hex`): every generated
//! value encodes to exactly those bytes and decodes from them back to
//! itself. See `docs/wire-format.md` for the rules they pin. After a
//! deliberate change of the format, rerun with `CSTACK_BLESS_WIRE=1` to
//! rewrite the files, and review the diff.

use behaviour_db::runtime::chrono::{DateTime, Utc};
use behaviour_db::runtime::codec::{Cbor, Codec, Json};
use behaviour_db::runtime::rust_decimal::Decimal;
use behaviour_db::runtime::uuid::Uuid;
use behaviour_db::runtime::{Format, Patch, serde_json};
use behaviour_db::{
    CreateMemberInput, CreateSampleInput, LiveArticle, Member, Principal, Role, Sample,
    UpdateArticleInput, UpdateMemberInput, UpdateSampleInput,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;
use std::path::PathBuf;

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/wire")
        .join(name)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    let text: String = text.split_whitespace().collect();
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("golden CBOR is hex"))
        .collect()
}

/// Compares `actual` with the golden file (or rewrites it when blessing).
fn golden(name: &str, actual: &str) -> String {
    let path = golden_path(name);
    if std::env::var_os("CSTACK_BLESS_WIRE").is_some() {
        std::fs::write(&path, format!("{actual}\n")).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: {error} (bless with CSTACK_BLESS_WIRE=1)",
            path.display()
        )
    });
    let expected = expected.trim_end().to_string();
    assert_eq!(actual, expected, "{name} differs from its golden file");
    expected
}

/// `value` encodes to the golden bytes in both formats and decodes back.
fn pin<T: Serialize + DeserializeOwned + PartialEq + Debug>(case: &str, value: &T) {
    let json = String::from_utf8(Json::encode(value).unwrap()).unwrap();
    let json = golden(&format!("{case}.json"), &json);
    assert_eq!(
        &Json::decode::<T>(json.as_bytes()).unwrap(),
        value,
        "{case}.json"
    );
    let cbor = Cbor::encode(value).unwrap();
    let cbor = unhex(&golden(&format!("{case}.cbor.hex"), &hex(&cbor)));
    assert_eq!(&Cbor::decode::<T>(&cbor).unwrap(), value, "{case}.cbor");
    // The run-time choice encodes the same bytes.
    assert_eq!(Format::Json.encode(value).unwrap(), json.as_bytes());
    assert_eq!(Format::Cbor.encode(value).unwrap(), cbor);
}

fn when() -> DateTime<Utc> {
    "2024-02-29T13:14:15.123456Z".parse().unwrap()
}

fn uuid(n: u8) -> Uuid {
    Uuid::from_bytes([n; 16])
}

fn sample() -> Sample {
    Sample {
        id: uuid(0x11),
        text: "héllo \"wire\"".to_string(),
        count: -42,
        ratio: 0.25,
        flag: true,
        when: when(),
        // The scale is kept: 12.50, not 12.5.
        amount: "12.50".parse().unwrap(),
        data: serde_json::json!({"list": [1, null, "x"], "nested": {"ok": false}}),
        blob: vec![0, 1, 2, 0xfe, 0xff],
        r#ref: uuid(0xab),
        maybe: None,
        currency: "EUR".to_string(),
        // `@server_only`: never on the wire, so it decodes to the empty value.
        secret: String::new(),
        origin: "import".to_string(),
    }
}

#[test]
fn a_model_with_every_scalar() {
    pin("sample", &sample());
}

#[test]
fn server_only_fields_stay_off_the_wire() {
    let with_secret = Sample {
        secret: "hunter2".to_string(),
        ..sample()
    };
    let json = String::from_utf8(Json::encode(&with_secret).unwrap()).unwrap();
    assert!(
        !json.contains("secret") && !json.contains("hunter2"),
        "{json}"
    );
    let cbor = Cbor::encode(&with_secret).unwrap();
    assert!(!cbor.windows(7).any(|w| w == b"hunter2"));
    assert_eq!(Cbor::encode(&sample()).unwrap(), cbor);
}

#[test]
fn a_model_with_an_enum_and_an_included_relation() {
    let member = Member {
        id: 7,
        email: "ada@example.com".to_string(),
        name: "Ada".to_string(),
        nickname: Some("countess".to_string()),
        role: Role::Writer,
        website: None,
        created_at: when(),
        posts: None,
    };
    pin("member", &member);
}

#[test]
fn create_inputs_leave_out_what_was_not_given() {
    let input = CreateSampleInput::builder()
        .text("t")
        .count(1)
        .ratio(1.5)
        .flag(false)
        .when(when())
        .amount(Decimal::new(-1005, 3))
        .data(serde_json::Value::Null)
        .blob(Vec::<u8>::new())
        .r#ref(uuid(0))
        .currency("USD")
        .secret("s")
        .origin("o")
        .build();
    pin("create_sample", &input);
    let member = CreateMemberInput::builder()
        .email("b@example.com")
        .name("B")
        .build();
    pin("create_member", &member);
}

#[test]
fn update_inputs_are_absent_null_or_set() {
    let update = UpdateSampleInput {
        text: Patch::Set("new".to_string()),
        maybe: Patch::Null,
        blob: Patch::Set(vec![9, 8]),
        amount: Patch::Set("0.10".parse().unwrap()),
        ..UpdateSampleInput::default()
    };
    pin("update_sample", &update);
    let member = UpdateMemberInput {
        nickname: Patch::Null,
        website: Patch::Set("https://example.com".to_string()),
        ..UpdateMemberInput::default()
    };
    pin("update_member", &member);
    pin("update_article_empty", &UpdateArticleInput::default());
    // Absent, null and a value decode to the three states in both formats.
    let decoded: UpdateMemberInput = Json::decode(br#"{"nickname":null}"#).unwrap();
    assert_eq!(decoded.nickname, Patch::Null);
    assert_eq!(decoded.website, Patch::Unchanged);
}

#[test]
fn enums_types_and_views() {
    pin("role", &Role::Admin);
    pin(
        "principal",
        &Principal {
            id: 3,
            name: "root".to_string(),
        },
    );
    pin(
        "live_article",
        &LiveArticle {
            id: 1,
            title: "Hello".to_string(),
            stars: 5,
        },
    );
    pin("roles", &vec![Role::Reader, Role::Writer]);
}

#[test]
fn bad_input_is_a_codec_error_not_a_panic() {
    let error = Json::decode::<Sample>(br#"{"id": 3}"#).unwrap_err();
    assert_eq!(error.content_type, "application/json");
    let error = Cbor::decode::<Sample>(&[0xff, 0x00]).unwrap_err();
    assert_eq!(error.content_type, "application/cbor");
    assert!(Json::decode::<Role>(br#""Nobody""#).is_err());
    // Bytes must be valid base64 in JSON.
    let mut json: serde_json::Value =
        serde_json::from_slice(&Json::encode(&sample()).unwrap()).unwrap();
    json["blob"] = serde_json::Value::String("not base64!".to_string());
    let error = Json::decode::<Sample>(json.to_string().as_bytes()).unwrap_err();
    assert!(error.message.contains("base64"), "{error}");
}
