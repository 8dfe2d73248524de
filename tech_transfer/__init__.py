"""技术转移: Results (科技成果), patents, inquiries (意向), auctions and technology contracts (技术合同)."""
