/** CDK app entry (cdk.json: `npx tsx infra/app.ts`). */
import { createXuewuApp } from './xuewu-app.js';

const { app } = createXuewuApp();
app.synth();
