#!/usr/bin/env node
// The image-writer worker from its TypeScript sources (through tsx), where no bundle was built.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
