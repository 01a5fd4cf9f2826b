#!/usr/bin/env node
// The `kob` command: runs the compiled program (`npm install` builds it through `prepare`).
import '../dist/src/kob.js';
