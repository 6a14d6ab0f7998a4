// The ABK (workload analysis) feature's public surface: the rest of the app imports only this.
export { AbkPage } from './components/AbkPage';
export { abkApi, type ABK } from './api';
