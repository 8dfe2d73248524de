"""前台页面: Server-rendered pages, static assets and translations."""
