// Set up for every vitest project: after each test file, remove the temp
// folders its tests made (tests/helpers/tempDirs.ts).
import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/tempDirs';

afterAll(() => removeTempDirs());
