"""企业出题: Demands (企业出题), challenges (揭榜挂帅), proposals (院所解题) and evaluations (市场阅题)."""
