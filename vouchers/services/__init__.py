"""Voucher services: every movement of voucher money and every review step, transactional, locked and audited."""
