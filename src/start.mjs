// `npm start`: runs the bot from an esbuild bundle in build/, made here first when it is missing or
// any of its sources changed. Compiling the TypeScript at each start (node --import tsx) took
// about 1.5 s and, with tsx's loader thread, about 45 MiB of RSS for as long as the bot ran.
// Plain JavaScript, so node runs it without a loader; the bot itself runs in this same process.
// `npm run build` (`--build`) only makes the build, for installs where build/ is read-only later.
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildRoot = join(root, 'build');
const manifestPath = join(buildRoot, 'manifest.json');
/**
 * Files whose change changes the bundle besides the sources esbuild reports reading: the lock
 * files stand for a reinstall that moved a bundled package without touching the file esbuild read.
 */
const BUILD_SETTINGS = [
  'src/start.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
];
/** A build's folder: when it was made, and by which process. */
const BUILD_DIRECTORY = /^(\d+)-\d+$/;
const KEEP_RECENT_BUILDS_MS = 10 * 60_000;
const EXTERNAL_PACKAGES = [
  '@electric-sql/pglite',
  '@resvg/resvg-js',
  'satori',
  'pino',
  'pino-pretty',
  'discord.js',
];

const stampOf = (file) => {
  const stat = statSync(join(root, file));
  return `${stat.mtimeMs}:${stat.size}`;
};

/** The entry of a build made from the sources as they are now, if there is one. */
function currentBuild() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    // A copied or moved install: the bundle names each source by its absolute path.
    if (manifest.root !== root) return undefined;
    for (const [file, stamp] of Object.entries(manifest.inputs))
      if (stampOf(file) !== stamp) return undefined;
  } catch {
    return undefined;
  }
  const entry = join(buildRoot, manifest.directory, 'main.js');
  return existsSync(entry) ? entry : undefined;
}

/**
 * A module's own URL, not the bundle's: the sources find the migrations, content and fonts
 * relative to themselves.
 */
const ownUrlOfEachSource = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      };
    });
  },
};

async function build() {
  const esbuild = await import('esbuild');
  const startedAt = Date.now();
  const directory = `${startedAt}-${process.pid}`;
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ['src/main.ts'],
      outdir: join(buildRoot, directory),
      bundle: true,
      // Keeps `await import()` lazy: the console never loads discord.js's client.
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Packages are bundled too (loading @discordjs/rest and undici file by file took 0.4 s),
      // except those that find files of their own (WebAssembly, native code, worker threads)
      // and discord.js, which only the gateway loads.
      external: EXTERNAL_PACKAGES,
      // For the CommonJS packages in an ES module bundle.
      banner: {
        js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);",
      },
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'error',
      plugins: [ownUrlOfEachSource],
    });
    const inputs = {};
    const settings = BUILD_SETTINGS.filter((file) => existsSync(join(root, file)));
    for (const file of [...Object.keys(result.metafile.inputs), ...settings]) {
      inputs[file] = stampOf(file);
    }
    // A file saved while esbuild ran may be in the bundle as it was before: this build runs now,
    // but is not recorded as current, so the next start builds again.
    const editedMeanwhile = Object.keys(inputs).some(
      (file) => statSync(join(root, file)).mtimeMs >= startedAt,
    );
    if (!editedMeanwhile) {
      // Written whole, then renamed: a start that reads it half-written would run a broken build.
      const partial = `${manifestPath}.${process.pid}`;
      writeFileSync(partial, JSON.stringify({ root, directory, inputs }));
      renameSync(partial, manifestPath);
    }
  } finally {
    await esbuild.stop();
  }
  // Older builds go, but not the one before nor any from the last minutes: a bot that started from
  // one may still be loading its chunks.
  const builds = readdirSync(buildRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && BUILD_DIRECTORY.test(entry.name))
    .map((entry) => ({ name: entry.name, madeAt: Number(BUILD_DIRECTORY.exec(entry.name)?.[1]) }))
    .sort((a, b) => b.madeAt - a.madeAt);
  for (const old of builds.slice(2)) {
    if (Date.now() - old.madeAt < KEEP_RECENT_BUILDS_MS) continue;
    rmSync(join(buildRoot, old.name), { recursive: true, force: true });
  }
  return join(buildRoot, directory, 'main.js');
}

/** Where build/ cannot be written (a read-only install), the sources run through tsx as before. */
async function runSources(reason) {
  process.stderr.write(`Running src/ through tsx (slower to start, larger): ${reason}\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src/main.ts')).href);
}

/** Why build/ cannot be written, or undefined when it can. */
function unwritableBuildRoot() {
  try {
    mkdirSync(buildRoot, { recursive: true });
    accessSync(buildRoot, constants.W_OK);
    return undefined;
  } catch (error) {
    return `could not write ${buildRoot} (${error.code ?? error.message})`;
  }
}

const buildOnly = process.argv.includes('--build');
let entry = currentBuild();
const unwritable = entry ? undefined : unwritableBuildRoot();
if (unwritable && !buildOnly) {
  await runSources(unwritable);
} else {
  try {
    entry ??= await build();
  } catch (error) {
    // esbuild has printed where the source is wrong.
    process.stderr.write(`Could not build the bot: ${unwritable ?? error.message}\n`);
    process.exit(1);
  }
  if (!buildOnly) {
    process.setSourceMapsEnabled(true);
    await import(pathToFileURL(entry).href);
  }
}
