"""仪器共享: Instrument catalogue, service items and prices, opening hours, closures, qualifications, bookings."""
