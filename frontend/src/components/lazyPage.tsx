import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';

// Components loaded on first use: vite puts each dynamic import in a chunk
// of its own, so the first screen downloads and parses only its own code.
// Each also waits for Mantine's whole stylesheet (styles/firstScreen.ts has
// only the first screen's rules): nothing loaded later is drawn unstyled.

/** Starts loading Mantine's whole stylesheet (the browser keeps it once loaded). */
export const loadAllStyles = () => import('../styles/all');

function lazyWith<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode) {
  const Lazy = lazy(() => Promise.all([load(), loadAllStyles()]).then(([c]) => ({ default: c })));
  function Part(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Part;
}

/** A page loaded on first use, with a loader while its chunk arrives. */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazyWith(
    load,
    <Center mih={240} data-testid="page-loading">
      <Loader />
    </Center>,
  );
}

/** A whole screen loaded on first use, with a loader filling the window while its chunk arrives. */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazyWith(
    load,
    <Center h="100vh">
      <Loader />
    </Center>,
  );
}

/** A small part of a screen loaded on first use: nothing is drawn until it arrives. */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazyWith(load, null);
}
