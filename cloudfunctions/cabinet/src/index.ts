import { cabinetContract } from '../../../typings/api/cabinet';
import { AppError, CommonErrors, createFunction, pingHandler } from '../../shared/kit';

// The contract landed first so the mini-program and the vendor simulator can build against it;
// the handlers follow in the next commits.
const pending = async (): Promise<never> => {
  throw new AppError(CommonErrors.INTERNAL, { message: '智能柜功能即将上线' });
};

export const main = createFunction(cabinetContract, {
  actions: {
    ping: pingHandler(cabinetContract.name),
    resolveScan: pending,
    checkBeforeOpen: pending,
    authorizePayScore: pending,
    openDoor: pending,
    confirmOpen: pending,
    cancelOpen: pending,
    getSession: pending,
    getCurrentSession: pending,
    listDevices: pending,
    getDevice: pending,
    getDeviceQrCode: pending,
    bindDevice: pending,
    openForRestock: pending,
    listProducts: pending,
    saveProduct: pending,
    listCabinetOrders: pending,
    getCabinetOrder: pending,
    listManualTasks: pending,
    retryManualTask: pending,
    closeManualTask: pending,
  },
});
