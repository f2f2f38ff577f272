"""Rate-limit buckets kept in the database, shared by every process of the install.

`colibri.networks.ratelimit.RateLimiter` takes its buckets from a store; with this one, two (or
ten) `colibri dispatch` workers draw from one budget per account and network limit, as the network
counts it, instead of each process believing it has the whole budget. Chosen by the setting
COLIBRI_RATE_LIMITER (default: this store).
"""
