// Mantine's whole stylesheet (230 KB, every component) is parsed and matched
// before the first screen can paint; the first screen draws a few components.
// So it loads the rules of those only, in the order of Mantine's own sheet,
// and the whole sheet comes with the first screen loaded on use
// (styles/all.ts, components/lazyPage.tsx). Both are Mantine's layered files
// (`@layer mantine`): the app's unlayered styles.css wins over either, in
// whatever order they arrive. src/app/pages.test.ts checks that every
// component the first screen imports has its rules here; the ones listed
// after global.css without a name in those imports are what the named ones
// draw inside them (inputs, buttons, close buttons, loaders, notifications).
import '@mantine/core/styles/baseline.layer.css';
import '@mantine/core/styles/global.layer.css';
import '@mantine/core/styles/default-css-variables.layer.css';
import '@mantine/core/styles/ScrollArea.layer.css';
import '@mantine/core/styles/UnstyledButton.layer.css';
import '@mantine/core/styles/VisuallyHidden.layer.css';
import '@mantine/core/styles/Paper.layer.css';
import '@mantine/core/styles/Loader.layer.css';
import '@mantine/core/styles/ActionIcon.layer.css';
import '@mantine/core/styles/CloseButton.layer.css';
import '@mantine/core/styles/Group.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/FloatingIndicator.layer.css';
import '@mantine/core/styles/Alert.layer.css';
import '@mantine/core/styles/Text.layer.css';
import '@mantine/core/styles/Button.layer.css';
import '@mantine/core/styles/Card.layer.css';
import '@mantine/core/styles/Center.layer.css';
import '@mantine/core/styles/Code.layer.css';
import '@mantine/core/styles/Notification.layer.css';
import '@mantine/core/styles/PasswordInput.layer.css';
import '@mantine/core/styles/SegmentedControl.layer.css';
import '@mantine/core/styles/Stack.layer.css';
import '@mantine/core/styles/Title.layer.css';
import '@mantine/notifications/styles.layer.css';
