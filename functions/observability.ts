/**
 * One logger for every function: structured JSON with the request's correlation id.
 * Handlers log events and identifiers, never request bodies: they carry private fields.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'xuewu' });
