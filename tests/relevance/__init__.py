"""Hand-labelled relevance judgements for evaluating the search and demand-matching engine."""
