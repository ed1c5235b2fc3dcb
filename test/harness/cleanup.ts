// Set up before every test file (vitest setupFiles): the temporary directories a file made with
// tempDir() go when the file is done, whether or not it says so itself.
import { afterAll } from 'vitest';
import { removeTempDirs } from './tempDir.ts';

afterAll(removeTempDirs);
