// Finds the browsers installed on this machine (never downloads one) and holds the Chromium
// flags every launcher shares, so npm start, the e2e tests and the benchmarks start it alike.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const CHROMIUM_PATHS = [
  // Debian's /usr/bin/chromium is a shell wrapper; the binary itself starts faster and quieter.
  '/usr/lib/chromium/chromium',
  '/usr/lib/chromium-browser/chromium-browser',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];
const FIREFOX_NAMES = ['firefox-esr', 'firefox'];
const FIREFOX_PATHS = [
  '/usr/lib/firefox-esr/firefox-esr',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const ext of exts) {
      const file = join(dir, name + ext);
      if (dir && isExecutable(file)) return file;
    }
  }
  return undefined;
}

/** STANCE_CHROMIUM if set (even if wrong, so a typo is reported), else the first Chromium/Chrome found. */
export function findChromium() {
  if (process.env.STANCE_CHROMIUM) return process.env.STANCE_CHROMIUM;
  return CHROMIUM_PATHS.find(isExecutable) ?? CHROMIUM_NAMES.map(onPath).find(Boolean);
}

/** STANCE_FIREFOX if set, else the first Firefox ESR/Firefox found. */
export function findFirefox() {
  if (process.env.STANCE_FIREFOX) return process.env.STANCE_FIREFOX;
  return FIREFOX_NAMES.map(onPath).find(Boolean) ?? FIREFOX_PATHS.find(isExecutable);
}

export { isExecutable };

/**
 * Flags for a Chromium that loads one unpacked extension (or none). The background-networking
 * flags keep it from flooding a closed network with refused connections.
 */
export function chromiumArgs(extensionDir) {
  return [
    ...(extensionDir
      ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
      : []),
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Branded Chrome 137+ ignores --load-extension unless this feature is turned off.
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}
