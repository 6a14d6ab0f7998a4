export namespace domain {
	
	export class Date {
	    Y: number;
	    M: number;
	    D: number;
	
	    static createFrom(source: any = {}) {
	        return new Date(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Y = source["Y"];
	        this.M = source["M"];
	        this.D = source["D"];
	    }
	}
	export class Hukdis {
	    id: string;
	    pegawaiId: string;
	    tingkat: string;
	    jenis: string;
	    nomorSk: string;
	    tmt: string;
	    tanggalSelesai: string;
	    keterangan: string;
	
	    static createFrom(source: any = {}) {
	        return new Hukdis(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pegawaiId = source["pegawaiId"];
	        this.tingkat = source["tingkat"];
	        this.jenis = source["jenis"];
	        this.nomorSk = source["nomorSk"];
	        this.tmt = source["tmt"];
	        this.tanggalSelesai = source["tanggalSelesai"];
	        this.keterangan = source["keterangan"];
	    }
	}
	export class Jabatan {
	    id: string;
	    kode: string;
	    nama: string;
	    jenis: string;
	    jenjang: string;
	    kelas: number;
	    minPendidikan: number;
	    jurusan: string[];
	    golonganMin: number;
	    golonganMax: number;
	    bup: number;
	
	    static createFrom(source: any = {}) {
	        return new Jabatan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.jenis = source["jenis"];
	        this.jenjang = source["jenjang"];
	        this.kelas = source["kelas"];
	        this.minPendidikan = source["minPendidikan"];
	        this.jurusan = source["jurusan"];
	        this.golonganMin = source["golonganMin"];
	        this.golonganMax = source["golonganMax"];
	        this.bup = source["bup"];
	    }
	}
	export class OPD {
	    id: string;
	    pemdaId: string;
	    kode: string;
	    nama: string;
	    singkatan: string;
	    jenis: string;
	    alamat: string;
	
	    static createFrom(source: any = {}) {
	        return new OPD(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pemdaId = source["pemdaId"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.singkatan = source["singkatan"];
	        this.jenis = source["jenis"];
	        this.alamat = source["alamat"];
	    }
	}
	export class Pegawai {
	    id: string;
	    nip: string;
	    nama: string;
	    gelarDepan: string;
	    gelarBelakang: string;
	    jenisKelamin: string;
	    tempatLahir: string;
	    tanggalLahir: string;
	    status: string;
	    golongan: number;
	    golonganPppk: number;
	    pendidikan: number;
	    jurusan: string;
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    tmtJabatan: string;
	    tmtCpns: string;
	    tmtPns: string;
	
	    static createFrom(source: any = {}) {
	        return new Pegawai(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.nip = source["nip"];
	        this.nama = source["nama"];
	        this.gelarDepan = source["gelarDepan"];
	        this.gelarBelakang = source["gelarBelakang"];
	        this.jenisKelamin = source["jenisKelamin"];
	        this.tempatLahir = source["tempatLahir"];
	        this.tanggalLahir = source["tanggalLahir"];
	        this.status = source["status"];
	        this.golongan = source["golongan"];
	        this.golonganPppk = source["golonganPppk"];
	        this.pendidikan = source["pendidikan"];
	        this.jurusan = source["jurusan"];
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.tmtJabatan = source["tmtJabatan"];
	        this.tmtCpns = source["tmtCpns"];
	        this.tmtPns = source["tmtPns"];
	    }
	}
	export class Pemda {
	    id: string;
	    kode: string;
	    nama: string;
	
	    static createFrom(source: any = {}) {
	        return new Pemda(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	    }
	}
	export class SKP {
	    id: string;
	    pegawaiId: string;
	    tahun: number;
	    predikat: string;
	
	    static createFrom(source: any = {}) {
	        return new SKP(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pegawaiId = source["pegawaiId"];
	        this.tahun = source["tahun"];
	        this.predikat = source["predikat"];
	    }
	}
	export class Unit {
	    id: string;
	    opdId: string;
	    parentId: string;
	    kode: string;
	    nama: string;
	
	    static createFrom(source: any = {}) {
	        return new Unit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.opdId = source["opdId"];
	        this.parentId = source["parentId"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	    }
	}

}

export namespace kepegawaian {
	
	export class Count {
	    key: string;
	    label: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new Count(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.count = source["count"];
	    }
	}
	export class OPDHeadcount {
	    id: string;
	    kode: string;
	    nama: string;
	    singkatan: string;
	    jenis: string;
	    alamat: string;
	    unit: number;
	    pegawai: number;
	    pns: number;
	    cpns: number;
	    pppk: number;
	
	    static createFrom(source: any = {}) {
	        return new OPDHeadcount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.singkatan = source["singkatan"];
	        this.jenis = source["jenis"];
	        this.alamat = source["alamat"];
	        this.unit = source["unit"];
	        this.pegawai = source["pegawai"];
	        this.pns = source["pns"];
	        this.cpns = source["cpns"];
	        this.pppk = source["pppk"];
	    }
	}
	export class Dashboard {
	    pemdaNama: string;
	    demo: boolean;
	    jumlahPegawai: number;
	    jumlahOpd: number;
	    jumlahUnit: number;
	    jumlahJabatan: number;
	    perStatus: Count[];
	    perGolongan: Count[];
	    perJenis: Count[];
	    perOpd: OPDHeadcount[];
	
	    static createFrom(source: any = {}) {
	        return new Dashboard(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pemdaNama = source["pemdaNama"];
	        this.demo = source["demo"];
	        this.jumlahPegawai = source["jumlahPegawai"];
	        this.jumlahOpd = source["jumlahOpd"];
	        this.jumlahUnit = source["jumlahUnit"];
	        this.jumlahJabatan = source["jumlahJabatan"];
	        this.perStatus = this.convertValues(source["perStatus"], Count);
	        this.perGolongan = this.convertValues(source["perGolongan"], Count);
	        this.perJenis = this.convertValues(source["perJenis"], Count);
	        this.perOpd = this.convertValues(source["perOpd"], OPDHeadcount);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DemoResult {
	    pegawai: number;
	    opd: number;
	    unit: number;
	    jabatan: number;
	    checksum: string;
	    millis: number;
	
	    static createFrom(source: any = {}) {
	        return new DemoResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pegawai = source["pegawai"];
	        this.opd = source["opd"];
	        this.unit = source["unit"];
	        this.jabatan = source["jabatan"];
	        this.checksum = source["checksum"];
	        this.millis = source["millis"];
	    }
	}
	export class JabatanHeld {
	    jabatanId: string;
	    nama: string;
	    jenis: string;
	    kelas: number;
	    bezetting: number;
	
	    static createFrom(source: any = {}) {
	        return new JabatanHeld(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.jabatanId = source["jabatanId"];
	        this.nama = source["nama"];
	        this.jenis = source["jenis"];
	        this.kelas = source["kelas"];
	        this.bezetting = source["bezetting"];
	    }
	}
	export class JabatanRow {
	    id: string;
	    kode: string;
	    nama: string;
	    jenis: string;
	    jenjang: string;
	    kelas: number;
	    minPendidikan: number;
	    jurusan: string[];
	    golonganMin: number;
	    golonganMax: number;
	    bup: number;
	    golonganRange: string;
	    pendidikanLabel: string;
	    pegawai: number;
	
	    static createFrom(source: any = {}) {
	        return new JabatanRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.jenis = source["jenis"];
	        this.jenjang = source["jenjang"];
	        this.kelas = source["kelas"];
	        this.minPendidikan = source["minPendidikan"];
	        this.jurusan = source["jurusan"];
	        this.golonganMin = source["golonganMin"];
	        this.golonganMax = source["golonganMax"];
	        this.bup = source["bup"];
	        this.golonganRange = source["golonganRange"];
	        this.pendidikanLabel = source["pendidikanLabel"];
	        this.pegawai = source["pegawai"];
	    }
	}
	
	export class UnitNode {
	    id: string;
	    opdId: string;
	    parentId: string;
	    kode: string;
	    nama: string;
	    pegawai: number;
	    total: number;
	    jabatan: JabatanHeld[];
	    children: UnitNode[];
	
	    static createFrom(source: any = {}) {
	        return new UnitNode(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.opdId = source["opdId"];
	        this.parentId = source["parentId"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.pegawai = source["pegawai"];
	        this.total = source["total"];
	        this.jabatan = this.convertValues(source["jabatan"], JabatanHeld);
	        this.children = this.convertValues(source["children"], UnitNode);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OPDTree {
	    opd: OPDHeadcount;
	    units: UnitNode[];
	
	    static createFrom(source: any = {}) {
	        return new OPDTree(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opd = this.convertValues(source["opd"], OPDHeadcount);
	        this.units = this.convertValues(source["units"], UnitNode);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Option {
	    value: string;
	    label: string;
	    labelEn: string;
	
	    static createFrom(source: any = {}) {
	        return new Option(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.label = source["label"];
	        this.labelEn = source["labelEn"];
	    }
	}
	export class RiwayatRow {
	    id: string;
	    pegawaiId: string;
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    tmt: string;
	    tanggalSelesai: string;
	    nomorSk: string;
	    keterangan: string;
	    opdNama: string;
	    unitNama: string;
	    jabatanNama: string;
	
	    static createFrom(source: any = {}) {
	        return new RiwayatRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pegawaiId = source["pegawaiId"];
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.tmt = source["tmt"];
	        this.tanggalSelesai = source["tanggalSelesai"];
	        this.nomorSk = source["nomorSk"];
	        this.keterangan = source["keterangan"];
	        this.opdNama = source["opdNama"];
	        this.unitNama = source["unitNama"];
	        this.jabatanNama = source["jabatanNama"];
	    }
	}
	export class PegawaiDetail {
	    pegawai: domain.Pegawai;
	    namaLengkap: string;
	    opdNama: string;
	    unitNama: string;
	    jabatanNama: string;
	    jenisJabatan: string;
	    golonganLabel: string;
	    pangkat: string;
	    pendidikanLabel: string;
	    umur: number;
	    masaJabatan: number;
	    bup: number;
	    tanggalPensiun: string;
	    riwayat: RiwayatRow[];
	    skp: domain.SKP[];
	    hukdis: domain.Hukdis[];
	
	    static createFrom(source: any = {}) {
	        return new PegawaiDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pegawai = this.convertValues(source["pegawai"], domain.Pegawai);
	        this.namaLengkap = source["namaLengkap"];
	        this.opdNama = source["opdNama"];
	        this.unitNama = source["unitNama"];
	        this.jabatanNama = source["jabatanNama"];
	        this.jenisJabatan = source["jenisJabatan"];
	        this.golonganLabel = source["golonganLabel"];
	        this.pangkat = source["pangkat"];
	        this.pendidikanLabel = source["pendidikanLabel"];
	        this.umur = source["umur"];
	        this.masaJabatan = source["masaJabatan"];
	        this.bup = source["bup"];
	        this.tanggalPensiun = source["tanggalPensiun"];
	        this.riwayat = this.convertValues(source["riwayat"], RiwayatRow);
	        this.skp = this.convertValues(source["skp"], domain.SKP);
	        this.hukdis = this.convertValues(source["hukdis"], domain.Hukdis);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PegawaiRow {
	    id: string;
	    nip: string;
	    namaLengkap: string;
	    status: string;
	    golongan: string;
	    jabatanNama: string;
	    jenisJabatan: string;
	    opdId: string;
	    opdSingkatan: string;
	    unitNama: string;
	    tmtJabatan: string;
	    jenisKelamin: string;
	
	    static createFrom(source: any = {}) {
	        return new PegawaiRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.nip = source["nip"];
	        this.namaLengkap = source["namaLengkap"];
	        this.status = source["status"];
	        this.golongan = source["golongan"];
	        this.jabatanNama = source["jabatanNama"];
	        this.jenisJabatan = source["jenisJabatan"];
	        this.opdId = source["opdId"];
	        this.opdSingkatan = source["opdSingkatan"];
	        this.unitNama = source["unitNama"];
	        this.tmtJabatan = source["tmtJabatan"];
	        this.jenisKelamin = source["jenisKelamin"];
	    }
	}
	export class PegawaiPage {
	    total: number;
	    offset: number;
	    rows: PegawaiRow[];
	
	    static createFrom(source: any = {}) {
	        return new PegawaiPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.offset = source["offset"];
	        this.rows = this.convertValues(source["rows"], PegawaiRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PegawaiQuery {
	    search: string;
	    opdId: string;
	    golongan: string;
	    jenisJabatan: string;
	    status: string;
	    sort: string;
	    desc: boolean;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new PegawaiQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.opdId = source["opdId"];
	        this.golongan = source["golongan"];
	        this.jenisJabatan = source["jenisJabatan"];
	        this.status = source["status"];
	        this.sort = source["sort"];
	        this.desc = source["desc"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	
	export class Reference {
	    golongan: Option[];
	    golonganPppk: Option[];
	    pendidikan: Option[];
	    jenisJabatan: Option[];
	    jenjang: Option[];
	    jenisOpd: Option[];
	    status: Option[];
	
	    static createFrom(source: any = {}) {
	        return new Reference(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.golongan = this.convertValues(source["golongan"], Option);
	        this.golonganPppk = this.convertValues(source["golonganPppk"], Option);
	        this.pendidikan = this.convertValues(source["pendidikan"], Option);
	        this.jenisJabatan = this.convertValues(source["jenisJabatan"], Option);
	        this.jenjang = this.convertValues(source["jenjang"], Option);
	        this.jenisOpd = this.convertValues(source["jenisOpd"], Option);
	        this.status = this.convertValues(source["status"], Option);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Status {
	    firstRun: boolean;
	    dataDir: string;
	    schemaVersion: number;
	    deviceId: string;
	    appVersion: string;
	    pemdaNama: string;
	    demo: boolean;
	    jumlahPegawai: number;
	    pendingChanges: number;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.firstRun = source["firstRun"];
	        this.dataDir = source["dataDir"];
	        this.schemaVersion = source["schemaVersion"];
	        this.deviceId = source["deviceId"];
	        this.appVersion = source["appVersion"];
	        this.pemdaNama = source["pemdaNama"];
	        this.demo = source["demo"];
	        this.jumlahPegawai = source["jumlahPegawai"];
	        this.pendingChanges = source["pendingChanges"];
	    }
	}

}

