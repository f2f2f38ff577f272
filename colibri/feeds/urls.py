"""Feed generator routes: the paths are fixed by the AT Protocol (XRPC) and did:web."""

from django.urls import path

from . import views

urlpatterns = [
    path(".well-known/did.json", views.did_document, name="feeds-did"),
    path("xrpc/app.bsky.feed.describeFeedGenerator", views.describe_feed_generator, name="feeds-describe"),
    path("xrpc/app.bsky.feed.getFeedSkeleton", views.get_feed_skeleton, name="feeds-skeleton"),
]
