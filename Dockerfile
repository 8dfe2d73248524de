FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=marketplace.settings \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    PDF_FONT_PATH=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc \
    GUNICORN_WORKERS=3

# CJK font for PDF generation. Nothing else: psycopg[binary] bundles libpq.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-zenhei \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies get their own layer so code-only changes don't reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb')); print('\n'.join(p.get('project', {}).get('dependencies', [])))" > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
# Code stays root-owned (read-only for the app user); only MEDIA_ROOT is writable.
# The empty media dir's ownership is copied into the named volume on first use.
# collectstatic needs settings to import: dummy, build-only values (not baked into ENV).
RUN pip install --no-cache-dir . \
    && chmod 0755 docker/entrypoint.sh \
    && SECRET_KEY=build-only-collectstatic DEBUG=false ALLOWED_HOSTS=localhost \
       DATABASE_URL=sqlite:////tmp/build.sqlite3 SEARCH_BACKEND=database TASK_BACKEND=immediate \
       python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p "$MEDIA_ROOT" \
    && chown app:app "$MEDIA_ROOT"

USER app

EXPOSE 8000

# Host header = first ALLOWED_HOSTS entry, so a production ALLOWED_HOSTS doesn't turn
# the probe into a 400; X-Forwarded-Proto avoids an SSL redirect when the proxy header is trusted.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, urllib.request as u; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h, 'X-Forwarded-Proto': 'https'}), timeout=4)"

ENTRYPOINT ["/app/docker/entrypoint.sh"]
# Worker count comes from GUNICORN_WORKERS (the entrypoint maps it to WEB_CONCURRENCY, which
# gunicorn reads), so an explicit --workers or GUNICORN_CMD_ARGS still wins.
# /dev/shm for the worker heartbeat files: overlayfs can stall them.
CMD ["gunicorn", "marketplace.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--access-logfile", "-", \
     "--error-logfile", "-", \
     "--worker-tmp-dir", "/dev/shm"]
