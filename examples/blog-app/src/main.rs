//! A small blog on the generated `blog-data` crate and embedded SQLite:
//! creates authors and posts, queries with filters, includes and pages,
//! updates in a transaction, and shows a validation failure; or serves the
//! schema's HTTP API (`serve`).
//!
//! `cargo run -p blog-app [DATABASE_FILE]` (default: a fresh file in the
//! system's temporary folder), or
//! `cargo run -p blog-app -- serve [ADDRESS] [DATABASE_FILE]` (default
//! `127.0.0.1:8080` and `blog.sqlite` in the temporary folder).

mod serve;

use blog_data::runtime::rust_decimal::Decimal;
use blog_data::runtime::{Error, Filter};
use blog_data::{
    CreateAuthorInput, CreatePostInput, Db, PostStatus, Session, UpdatePostInput, author, post,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if arguments.first().map(String::as_str) == Some("serve") {
        return serve::run(&arguments[1..]).await;
    }
    Ok(demo().await?)
}

/// The data layer tour.
async fn demo() -> Result<(), Error> {
    let path = std::env::args().nth(1).map_or_else(
        || std::env::temp_dir().join(format!("cstack-blog-{}.sqlite", std::process::id())),
        std::path::PathBuf::from,
    );
    let db = Db::open_sqlite(&path).await?;
    println!("database: {}", path.display());

    let ada = db
        .author()
        .create(
            CreateAuthorInput::builder()
                .email(format!("ada-{}@example.com", std::process::id()))
                .name("Ada")
                .build(),
        )
        .await?;
    println!("created author #{} {}", ada.id, ada.name);

    // Posts are written by their author: from here on the handle acts for Ada.
    let db = db.with_auth(Session {
        id: ada.id,
        role: "author".to_string(),
    });

    let titles = ["Notes on the engine", "On numbers", "A draft"];
    let posts = db
        .post()
        .create_many(
            titles
                .iter()
                .enumerate()
                .map(|(index, title)| {
                    CreatePostInput::builder()
                        .title(*title)
                        .price(Decimal::new(999 + index as i64 * 100, 2))
                        .author_id(ada.id)
                        .status(if index < 2 {
                            PostStatus::Published
                        } else {
                            PostStatus::Draft
                        })
                        .build()
                })
                .collect(),
        )
        .await?;
    println!("created {} posts", posts.len());

    let published = db
        .post()
        .find_many()
        .filter(
            post::status()
                .eq(PostStatus::Published)
                .and(post::author_id().eq(ada.id)),
        )
        .order_by(post::price().desc())
        .include(post::author())
        .exec()
        .await?;
    for post in &published {
        let by = post.author.as_ref().map_or("?", |a| a.name.as_str());
        println!("published: {} ({}) by {by}", post.title, post.price);
    }

    let writers = db
        .author()
        .count(author::posts().some(post::status().eq(PostStatus::Draft)))
        .await?;
    println!("authors with a draft: {writers}");

    let draft = &posts[2];
    db.transaction(|tx| async move {
        tx.post()
            .update(
                draft.id,
                UpdatePostInput::new()
                    .set_status(PostStatus::Published)
                    .set_title("Not a draft"),
            )
            .exec()
            .await?;
        Ok(())
    })
    .await?;
    let page = db
        .post()
        .find_many()
        .filter(post::author_id().eq(ada.id))
        .order_by(post::id().asc())
        .paginate(1, 2)
        .await?;
    println!(
        "page 1 of posts: {} of {} in all",
        page.items.len(),
        page.total
    );

    let invalid = CreatePostInput::builder()
        .title("")
        .price(Decimal::ZERO)
        .author_id(ada.id)
        .build();
    match db.post().create(invalid).await {
        Err(Error::Validation(errors)) => println!("rejected: {errors}"),
        other => println!("unexpected: {other:?}"),
    }
    let total = db.post().count(Filter::all()).await?;
    println!("posts in the database: {total}");
    let visible = db.published_post().find_many().exec().await?;
    println!("the PublishedPost view lists {} posts", visible.len());
    Ok(())
}
