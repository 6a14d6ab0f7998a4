// Every Mantine component's rules, in Mantine's layer (see firstScreen.ts):
// loaded with the first component loaded on use (components/lazyPage.tsx).
import '@mantine/core/styles.layer.css';
