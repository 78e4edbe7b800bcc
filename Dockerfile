# Production image: the locked dependencies, static files collected, run by scripts/entrypoint.sh.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=inburgering.settings.production \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"

# WeasyPrint needs Pango; fonts for the printed PIP and the letters: Latin, Arabic script,
# Ethiopic (Tigrinya) and Cyrillic (fonts-noto-core), embedded in the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-dejavu-core fonts-noto-core gettext \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project

COPY . .
RUN SECRET_KEY=collectstatic-only CELERY_BROKER_URL=memory:// \
    python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 app && chown -R app /app \
    && mkdir -p /data/private && chown app /data/private
USER app

EXPOSE 8000
ENTRYPOINT ["scripts/entrypoint.sh"]
CMD ["web"]
