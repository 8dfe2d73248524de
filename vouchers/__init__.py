"""创新券: Voucher programmes, grants, the voucher ledger, claims, settlements and PDF statements."""
