# syntax=docker/dockerfile:1

# --- builder: the pinned dependencies and the project, installed into a virtualenv -------------
FROM python:3.11-slim-bookworm AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src

# Dependencies first, so that a change to the code does not reinstall them.
COPY pyproject.toml README.md ./
COPY requirements/ requirements/
RUN pip install -c requirements/constraints.txt .

COPY . .
RUN pip install --no-deps --force-reinstall -c requirements/constraints.txt .

# --- runtime -----------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm

# fonts-droid-fallback: the TrueType CJK font embedded in generated PDFs (reportlab cannot embed the
# OpenType Noto CJK); fonts-noto-cjk: CJK glyphs for everything else. ffmpeg: lesson recordings.
# gettext: compiling the translations below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk fonts-droid-fallback ffmpeg gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin portal

# The code runs from /app (PYTHONPATH) so that paths the settings take relative to the checkout
# (templates, locale/, var/) resolve as in development; the virtualenv supplies the pinned
# dependencies and the project's installed metadata.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    PORTAL_VAR_DIR=/app/var \
    DJANGO_STATIC_ROOT=/app/static \
    DJANGO_MEDIA_ROOT=/app/var/media \
    WEB_CONCURRENCY=2

COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY . .

# Production settings refuse to load without a long secret key and a host list: give them
# throw-away values for this step only. compilemessages needs locale/ to exist even before the
# first translations arrive (make messages creates it).
RUN export DJANGO_SECRET_KEY=build-only-dummy-key-for-collectstatic-never-used-at-runtime \
        DJANGO_ALLOWED_HOSTS=localhost \
    && mkdir -p locale \
    && python manage.py compilemessages --verbosity 0 \
    && python manage.py collectstatic --no-input --verbosity 0 \
    && mkdir -p /app/var/media \
    && chown -R portal:portal /app/var

USER portal
EXPOSE 8000

# Production settings redirect plain HTTP and check the Host header, so the probe says it came
# through the TLS proxy and names the first allowed host.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; host = os.environ['DJANGO_ALLOWED_HOSTS'].split(',')[0].strip().lstrip('.').replace('*', 'localhost'); r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': host, 'X-Forwarded-Proto': 'https'}), timeout=4)"]

# Workers: WEB_CONCURRENCY; further gunicorn options: GUNICORN_CMD_ARGS.
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
