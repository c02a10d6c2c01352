/**
 * The judge's context for a reference mock: every app it serves (so any other sdkappid is a
 * finding), with keys, admins and editions. sdk-gate builds it from the mock it starts; `judge`
 * without app flags from the mock's default apps.
 */
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP, type MockApp } from '../mock/default-apps.ts';
import type { JudgeApp, JudgeContext } from './exchange.ts';

export function judgeAppOfMockApp(app: MockApp): JudgeApp {
  return {
    sdkappid: String(app.sdkappid),
    secretKey: app.secretKey,
    admins: [app.admin, ...app.extraAdmins],
    countersEdition: app.countersEdition,
  };
}

export function mockJudgeContext(apps: readonly MockApp[] = [DEFAULT_FULL_APP, DEFAULT_BASIC_APP]): JudgeContext {
  return { apps: apps.map(judgeAppOfMockApp), appsComplete: true };
}
