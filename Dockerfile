# A minimal container recipe. It could not be built where it was written (no container runtime
# there): treat it as a starting point and try it before relying on it.
FROM node:20-bookworm-slim

# tini as PID 1 passes SIGTERM on to the bot and reaps any short-lived child it starts.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# The bundle npm start runs (build/), made while the image is still writable.
RUN npm run build

# The embedded database lives in the volume; run as the unprivileged user of the node image.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 8787

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--max-semi-space-size=1", "--wasm-tiering-budget=180000000", "src/start.mjs"]
