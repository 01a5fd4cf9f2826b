#!/usr/bin/env node
// The `kob` command: runs the compiled program (`npm install` builds it through `prepare`).
// Node.js 20 lost security support in April 2026; say so rather than run quietly on it.
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 22) {
  console.error(`kob: Node.js ${process.versions.node} støttes ikke lenger; bruk Node.js 22 eller 24 LTS (Node.js 22 or newer is required; 24 LTS is recommended)`);
}
await import('../dist/src/kob.js');
