"""科技大市场: the project package and the market's participants."""
