"""Bluesky (AT Protocol) adapter, on the `atproto` SDK: `network.BlueskyNetwork`.

One module per part: `records` (record decoding, URIs, cursors), `errors` (SDK errors mapped to
`NetworkError`), `session` (login, reads), `firehose` (the live stream), `backfill` (search and
notifications), `writes` (reposts, likes, replies, posts, DMs), `feed_records` (feed generator
records), and `auth` (verifying the service JWTs a feed request carries). Callers import from the
module that owns the name; this package re-exports nothing.

Stream: the repo firehose (`com.atproto.sync.subscribeRepos`) of a relay or a PDS. Each `#commit`
carries its records as a CAR; creates/updates of `app.bsky.feed.post` that carry one of the
collective's hashtags (facet tags, `tags`, or the text) become `post`/`update` events; deletions of
posts become `delete` events. The cursor is the firehose `seq`: `"<seq>"` once every operation of
that commit has been yielded, `"<seq>:<i>"` after operation `i` of a commit that has more, so a
consumer that stops between two operations of one commit resumes at the next one, not at the
next commit. Resuming subscribes with `cursor=seq-1` and skips what was already yielded.

Backfill: `app.bsky.feed.searchPosts` on the AppView for each hashtag, on the first run (no cursor:
the firehose would only show what comes next) and when the firehose answers `OutdatedCursor` (its
history no longer reaches the cursor after a long outage).

Replies ("stop" under a request, usually without the hashtag): live, the firehose passes on a reply
whose parent is a post the consumer tracks when it is a self-reply or answers the official account
(the DID of `handle`, resolved once even when this reader never logs in: the ingest does not). A
search backfill cannot find them, so the backfills also read the official account's notifications
(`app.bsky.notification.listNotifications`, reasons reply and mention) since the same time, as
`reply_only` events. A seeker's self-reply written during an outage notifies nobody: it is missed
(only `getPostThread` per open request could find it).

Writes go through `com.atproto.repo.*` on the account's PDS with an app-password session (the SDK
refreshes the access token before it expires; an expired/invalid token logs in again once). Each
write is idempotent: the existing repost/like is looked up (own repo's recent records, then the
AppView's `viewer` state, confirmed on the repo) before anything is created.

Direct messages go through the Bluesky chat service (`chat.bsky.*` proxied by the PDS); the local
dev-env network has no chat service, so that path is not exercised by the integration tests.
"""
