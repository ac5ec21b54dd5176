# syntax=docker/dockerfile:1
# Naskah: one image for the web and worker roles (NASKAH_ROLES chooses at run time).
# Build:  docker build -t naskah .        Run the full stack: see docker-compose.yml.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install everything, compile TypeScript, then drop dev dependencies ----
FROM ${NODE_IMAGE} AS build
# sqlite3 compiles from source when its prebuilt binary cannot be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY config ./config
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled code and production dependencies only, as a non-root user ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    NASKAH_ROLES=web,worker
WORKDIR /app
# A volume's first mount copies its directory's owner, so the app user can write to them.
RUN mkdir -p /data /backups && chown node:node /data /backups
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/config ./config
# Code stays root-owned and read-only for the app; only /data is writable.
USER node
VOLUME ["/data"]
EXPOSE 3000
# Shell commands in the image: `node dist/scripts/cli.js <command>` (npm run cli needs tsx, a dev dependency).
CMD ["node", "dist/src/main.js"]
