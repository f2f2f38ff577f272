"""The recruiters' board: requests currently relayed, filtered by région and job family, with RSS/Atom."""
