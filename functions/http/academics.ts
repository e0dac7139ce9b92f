/**
 * The academics function: programmes and courses, results with make-up and corrections,
 * transcripts and grade certificates, and the warning run (issue #11).
 */
import { fromEnvironment } from '../composition.js';
import { certificateRoutes } from './certificates.js';
import { correctionRoutes } from './corrections.js';
import { enrolmentImportRoutes } from './enrolment-imports.js';
import { httpFunction } from './kit/http-function.js';
import { programmeRoutes } from './programmes.js';
import { resultRoutes } from './results.js';
import { readSecretString } from '../storage/secrets-manager.js';
import { warningRunRoutes } from './warning-runs.js';

export const academicRoutes = { ...programmeRoutes, ...resultRoutes, ...correctionRoutes, ...warningRunRoutes, ...certificateRoutes, ...enrolmentImportRoutes };

// The warning runs' lists are paged: the cursor key is read from its secret.
export const handler = httpFunction(academicRoutes, fromEnvironment({ readSecret: readSecretString }));
